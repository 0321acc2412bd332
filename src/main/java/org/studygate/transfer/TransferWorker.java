package org.studygate.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.archive.ArchiveFiles;
import org.studygate.audit.AuditActor;
import org.studygate.directory.Directory;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs forwards from the job table (decision 022). A job is claimed with {@code FOR UPDATE SKIP
 * LOCKED}, so that several instances never run the same one, and held by a lease renewed with every
 * progress report; a RUNNING job whose lease ran out lost its worker (the application stopped) and is
 * taken again: it resumes where its progress stood (STOW-RS) or sends again (C-STORE; the peer keeps
 * one copy per SOP instance), or fails with the reason when its attempts are spent. A failed attempt
 * waits with a doubling backoff.
 */
@Component
class TransferWorker {

	private static final Logger log = LoggerFactory.getLogger(TransferWorker.class);

	private final JdbcClient jdbc;

	private final Destinations destinations;

	private final ArchiveFiles archive;

	private final Studies studies;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final TransferProperties properties;

	private final ExecutorService executor;

	private final Semaphore capacity;

	private final AccessControl access;

	private final Directory directory;

	TransferWorker(JdbcClient jdbc, Destinations destinations, ArchiveFiles archive, Studies studies,
			ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
			TransferProperties properties, AccessControl access, Directory directory) {
		this.access = access;
		this.directory = directory;
		this.jdbc = jdbc;
		this.destinations = destinations;
		this.archive = archive;
		this.studies = studies;
		this.events = events;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
		this.properties = properties;
		this.executor = Executors.newFixedThreadPool(properties.workers(), runnable -> {
			Thread thread = new Thread(runnable, "transfer-worker");
			thread.setDaemon(true);
			return thread;
		});
		this.capacity = new Semaphore(properties.workers());
	}

	/** A claimed job. */
	record Job(UUID id, UUID studyId, UUID destinationId, UUID userId, String userName, String target,
			int attempts, int instancesDone, boolean resumed) {

		AuditActor actor() {
			return new AuditActor("USER", userId == null ? null : userId.toString(), userName);
		}

	}

	/** Why an attempt cannot succeed however often it is made. */
	static final class Permanent extends RuntimeException {

		Permanent(String message) {
			super(message);
		}

	}

	/** Takes due jobs while workers are free. */
	@Scheduled(fixedDelayString = "${studygate.transfer.poll-interval:PT2S}", initialDelayString = "PT3S")
	void tick() {
		if (!properties.enabled()) {
			return;
		}
		sweepDownloads();
		while (capacity.tryAcquire()) {
			Optional<Job> job;
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
			executor.execute(() -> {
				try {
					run(job.get());
				}
				finally {
					capacity.release();
				}
			});
		}
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		executor.shutdownNow();
	}

	/** Downloads whose application stopped while streaming end as failed. */
	void sweepDownloads() {
		jdbc.sql("""
				update transfer.job set state = 'FAILED', error = 'the application stopped during the download',
				       finished_at = :now, lease_until = null
				where kind = 'DOWNLOAD' and state = 'RUNNING' and lease_until < :now
				""").param("now", Timestamp.from(clock.instant())).update();
	}

	/** Claims the oldest due job, or a running one whose worker was lost; in its own transaction. */
	Optional<Job> claim() {
		return transactions.execute(status -> {
			Instant now = clock.instant();
			Optional<Job> found = jdbc.sql("""
					select id, study_id, destination_id, user_id, user_name, target, attempts, instances_done, state
					from transfer.job
					where kind = 'FORWARD' and ((state = 'QUEUED' and next_attempt_at <= :now)
					                         or (state = 'RUNNING' and lease_until < :now))
					order by requested_at, id limit 1
					for update skip locked
					""").param("now", Timestamp.from(now)).query((rs, n) -> new Job(rs.getObject("id", UUID.class),
					rs.getObject("study_id", UUID.class), rs.getObject("destination_id", UUID.class),
					rs.getObject("user_id", UUID.class), rs.getString("user_name"), rs.getString("target"),
					rs.getInt("attempts"), rs.getInt("instances_done"), "RUNNING".equals(rs.getString("state"))))
				.optional();
			if (found.isEmpty()) {
				return Optional.empty();
			}
			Job job = found.get();
			if (job.resumed() && job.attempts() >= properties.maxAttempts()) {
				fail(job, "the application stopped during the transfer and no attempt is left");
				return Optional.<Job>empty().or(this::claim);
			}
			jdbc.sql("""
					update transfer.job set state = 'RUNNING', attempts = attempts + 1, lease_until = :lease,
					       started_at = coalesce(started_at, :now), next_attempt_at = null
					where id = :id
					""")
				.param("lease", Timestamp.from(now.plus(properties.lease())))
				.param("now", Timestamp.from(now))
				.param("id", job.id())
				.update();
			if (job.resumed()) {
				log.info("transfer {} lost its worker; taken again", job.id());
			}
			return Optional.of(new Job(job.id(), job.studyId(), job.destinationId(), job.userId(), job.userName(),
					job.target(), job.attempts() + 1, job.instancesDone(), job.resumed()));
		});
	}

	/** One attempt of a claimed job. */
	void run(Job job) {
		try {
			Study study = studies.find(new StudyId(job.studyId())).orElseThrow(() -> new Permanent("the study is gone"));
			// decided again at every attempt: a grant withdrawn while the job waits stops it (SPEC §3)
			boolean stillPermitted = job.userId() != null && directory.actorOf(new UserId(job.userId()))
				.map(actor -> access.decide(actor, study, Action.FORWARD).isPermitted())
				.orElse(false);
			if (!stillPermitted) {
				throw new Permanent("the requester may no longer forward this study");
			}
			Destination found = destinations.find(job.destinationId())
				.orElseThrow(() -> new Permanent("the destination was removed"));
			// checked again at every attempt: the allow-list may have changed, the host resolve elsewhere
			Destinations.Target destination;
			try {
				destination = destinations.reach(found);
			}
			catch (DestinationAllowList.NotAllowed ex) {
				throw new Permanent(ex.getMessage());
			}
			List<ArchiveFiles.Instance> instances = archive.instances(study.studyInstanceUid());
			if (instances.isEmpty()) {
				throw new Permanent("the archive holds no images of the study");
			}
			if (!heartbeat(job, job.instancesDone(), instances.size())) {
				cancelled(job, job.instancesDone());
				return;
			}
			boolean completed = found.kind() == Destination.Kind.DIMSE ? cStore(job, destination, instances)
					: stow(job, destination, instances);
			if (completed) {
				done(job, instances.size());
			}
		}
		catch (Lost ex) {
			log.info("transfer {} was taken by another worker", job.id());
		}
		catch (Permanent ex) {
			fail(job, ex.getMessage());
		}
		catch (Exception ex) {
			String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			if (job.attempts() >= properties.maxAttempts()) {
				fail(job, reason);
			}
			else {
				retryLater(job, reason);
			}
		}
	}

	/** C-STORE through the archive: registers the peer, starts the archive's job and follows it. */
	private boolean cStore(Job job, Destinations.Target target, List<ArchiveFiles.Instance> instances)
			throws Exception {
		Destination destination = target.destination();
		archive.registerPeer(destination.peerName(), destination.aeTitle(), target.host(), destination.port());
		String archiveJob = archive.store(destination.peerName(), instances);
		while (true) {
			Thread.sleep(200);
			ArchiveFiles.Job state = archive.job(archiveJob);
			int done = state.succeeded() ? instances.size() : instances.size() * state.progressPercent() / 100;
			if (!heartbeat(job, done, instances.size())) {
				archive.cancel(archiveJob);
				cancelled(job, done);
				return false;
			}
			if (state.succeeded()) {
				return true;
			}
			if (state.failed()) {
				throw new IllegalStateException(state.error().isBlank() ? "the C-STORE failed" : state.error());
			}
		}
	}

	/** STOW-RS straight to the destination, one instance per request, from where the progress stood. */
	private boolean stow(Job job, Destinations.Target destination, List<ArchiveFiles.Instance> instances)
			throws Exception {
		for (int i = Math.min(job.instancesDone(), instances.size()); i < instances.size(); i++) {
			try (ArchiveFiles.Body body = archive.file(instances.get(i))) {
				StowClient.store(destination.url(), body.stream(), properties.timeout());
			}
			if (!heartbeat(job, i + 1, instances.size())) {
				cancelled(job, i + 1);
				return false;
			}
		}
		return true;
	}

	/** The worker lost its lease to another. */
	static final class Lost extends RuntimeException {

		Lost() {
			super("lost");
		}

	}

	/**
	 * Records progress and renews the lease; false when a cancel was asked for.
	 *
	 * @throws Lost when the job is no longer this worker's
	 */
	private boolean heartbeat(Job job, int done, int total) {
		Boolean cancel = jdbc.sql("""
				update transfer.job set instances_done = :done, instances_total = :total, lease_until = :lease
				where id = :id and state = 'RUNNING' and attempts = :attempts
				returning cancel_requested
				""")
			.param("done", done)
			.param("total", total)
			.param("lease", Timestamp.from(clock.instant().plus(properties.lease())))
			.param("id", job.id())
			.param("attempts", job.attempts())
			.query(Boolean.class)
			.optional()
			.orElseThrow(Lost::new);
		return !cancel;
	}

	private void done(Job job, int instances) {
		transactions.executeWithoutResult(status -> {
			jdbc.sql("""
					update transfer.job set state = 'DONE', instances_done = :done, error = null, finished_at = :now,
					       lease_until = null
					where id = :id and state = 'RUNNING'
					""").param("done", instances).param("now", Timestamp.from(clock.instant())).param("id", job.id()).update();
			events.publishEvent(new ForwardEnded(clock.instant(), job.actor(), job.id(), job.studyId(), job.target(),
					"DONE", instances, null));
		});
	}

	private void cancelled(Job job, int done) {
		transactions.executeWithoutResult(status -> {
			String reason = jdbc.sql("select error from transfer.job where id = :id")
				.param("id", job.id())
				.query(String.class)
				.optional()
				.orElse("cancelled");
			jdbc.sql("""
					update transfer.job set state = 'FAILED', instances_done = :done, finished_at = :now, lease_until = null
					where id = :id
					""").param("done", done).param("now", Timestamp.from(clock.instant())).param("id", job.id()).update();
			events.publishEvent(new ForwardEnded(clock.instant(), job.actor(), job.id(), job.studyId(), job.target(),
					"CANCELLED", done, reason));
		});
	}

	private void fail(Job job, String reason) {
		String error = abbreviated(reason);
		transactions.executeWithoutResult(status -> {
			int done = jdbc.sql("""
					update transfer.job set state = 'FAILED', error = :error, finished_at = :now, lease_until = null,
					       next_attempt_at = null
					where id = :id and state in ('QUEUED', 'RUNNING')
					returning instances_done
					""")
				.param("error", error)
				.param("now", Timestamp.from(clock.instant()))
				.param("id", job.id())
				.query(Integer.class)
				.optional()
				.orElse(0);
			events.publishEvent(new ForwardEnded(clock.instant(), job.actor(), job.id(), job.studyId(), job.target(),
					"FAILED", done, error));
		});
	}

	private void retryLater(Job job, String reason) {
		jdbc.sql("""
				update transfer.job set state = 'QUEUED', error = :error, lease_until = null, next_attempt_at = :next
				where id = :id and state = 'RUNNING' and attempts = :attempts and not cancel_requested
				""")
			.param("error", abbreviated(reason) + " (attempt " + job.attempts() + " of " + properties.maxAttempts() + ")")
			.param("next", Timestamp.from(clock.instant().plus(properties.backoffAfter(job.attempts()))))
			.param("id", job.id())
			.param("attempts", job.attempts())
			.update();
	}

	private static String abbreviated(String reason) {
		return reason.length() > 500 ? reason.substring(0, 500) + "…" : reason;
	}

}
