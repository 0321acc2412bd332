package org.studygate.transfer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs forwards from the job table (decision 022). A job is claimed with
 * {@code FOR UPDATE SKIP
 * LOCKED}, so that several instances never run the same one, and held by a lease renewed
 * with every progress report; a RUNNING job whose lease ran out lost its worker (the
 * application stopped) and is taken again: it resumes where its progress stood (STOW-RS)
 * or sends again (C-STORE; the peer keeps one copy per SOP instance), or fails with the
 * reason when its attempts are spent. Each attempt is a {@link ForwardAttempt}.
 * <p>
 * At shutdown (decision 046) it claims nothing more, and each running attempt gives its
 * job back at its next heartbeat: queued, due at once, with its progress, so that the
 * next start or another instance resumes it without waiting for the lease. An attempt
 * that reaches no heartbeat within {@link #SAFE_POINT_WAIT} is given back by the worker
 * itself.
 */
@Component
class TransferWorker implements SmartLifecycle {

	/** How long the shutdown waits for the running attempts to reach a safe point. */
	static final Duration SAFE_POINT_WAIT = Duration.ofSeconds(20);

	private static final Logger log = LoggerFactory.getLogger(TransferWorker.class);

	private final TransferStore store;

	private final ForwardAttempt attempt;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final TransferProperties properties;

	private volatile ExecutorService executor;

	private final Semaphore capacity;

	private final Map<TransferId, ForwardJob> running = new ConcurrentHashMap<>();

	private final AtomicBoolean stopping = new AtomicBoolean();

	private volatile boolean started;

	TransferWorker(TransferStore store, ForwardAttempt attempt, Clock clock, PlatformTransactionManager transactions,
			TransferProperties properties) {
		this.store = store;
		this.attempt = attempt;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
		this.properties = properties;
		this.executor = newExecutor(properties);
		this.capacity = new Semaphore(properties.workers());
	}

	/** Takes due jobs while workers are free. */
	@Scheduled(fixedDelayString = "${studygate.transfer.poll-interval:PT2S}", initialDelayString = "PT3S")
	void tick() {
		if (!properties.enabled() || stopping.get()) {
			return;
		}
		sweepDownloads();
		while (!stopping.get() && capacity.tryAcquire()) {
			Optional<ForwardJob> job;
			try {
				job = claim();
			}
			catch (RuntimeException ex) {
				capacity.release();
				log.warn("claiming a transfer failed: {}", ex.getMessage());
				return;
			}
			if (job.isEmpty()) {
				capacity.release();
				return;
			}
			launch(job.get());
		}
	}

	private void launch(ForwardJob job) {
		running.put(job.id(), job);
		try {
			executor.execute(() -> {
				try {
					run(job);
				}
				finally {
					running.remove(job.id());
					capacity.release();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// claimed while the shutdown began
			running.remove(job.id());
			capacity.release();
			attempt.release(job, null);
		}
	}

	private static ExecutorService newExecutor(TransferProperties properties) {
		return Executors.newFixedThreadPool(properties.workers(), runnable -> {
			Thread thread = new Thread(runnable, "transfer-worker");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts, or starts again after a stop (a stopped context may be started again): the
	 * workers are new and the attempts no longer pause.
	 */
	@Override
	public synchronized void start() {
		if (executor.isShutdown()) {
			executor = newExecutor(properties);
		}
		attempt.resume();
		stopping.set(false);
		started = true;
	}

	@Override
	public boolean isRunning() {
		return started;
	}

	/**
	 * Claims nothing more and lets the running attempts reach a safe point; gives back
	 * those that do not in time.
	 */
	@Override
	public synchronized void stop() {
		stopping.set(true);
		attempt.pause();
		executor.shutdown();
		try {
			if (!executor.awaitTermination(SAFE_POINT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				running.values().forEach(job -> attempt.release(job, null));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running.values().forEach(job -> attempt.release(job, null));
		}
		finally {
			executor.shutdownNow();
			started = false;
		}
	}

	@jakarta.annotation.PreDestroy
	void destroy() {
		executor.shutdownNow();
	}

	/** Downloads whose application stopped while streaming end as failed. */
	void sweepDownloads() {
		store.failStoppedDownloads(clock.instant());
	}

	/**
	 * Claims the oldest due job, or a running one whose worker was lost; in its own
	 * transaction.
	 */
	Optional<ForwardJob> claim() {
		return transactions.execute(status -> {
			Instant now = clock.instant();
			Optional<ForwardJob> found = store.lockNextDue(now);
			if (found.isEmpty()) {
				return Optional.empty();
			}
			ForwardJob job = found.get();
			if (job.resumed() && job.attempts() >= properties.maxAttempts()) {
				attempt.fail(job, "the application stopped during the transfer and no attempt is left");
				return Optional.<ForwardJob>empty().or(this::claim);
			}
			store.startAttempt(job.id(), now, now.plus(properties.lease()));
			if (job.resumed()) {
				log.info("transfer {} lost its worker; taken again", job.id());
			}
			return Optional.of(job.started());
		});
	}

	/** One attempt of a claimed job. */
	void run(ForwardJob job) {
		attempt.run(job);
	}

}
