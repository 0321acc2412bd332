package org.studygate.rsw;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.RswPublishing;
import org.studygate.directory.Actor;
import org.studygate.rsw.RegionalNetwork.Accepted;
import org.studygate.rsw.RegionalNetwork.Answer;
import org.studygate.rsw.RegionalNetwork.Publication;
import org.studygate.rsw.RegionalNetwork.Retry;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued submissions (decision 024). Each send claims one due submission in a short
 * transaction (SELECT … FOR UPDATE SKIP LOCKED, then a lease), talks to the network
 * outside any transaction, and records the answer only while it still holds the lease:
 * SENT when accepted, QUEUED again with exponential backoff after a 5xx or a timeout,
 * FAILED for good after a 4xx. A worker that stops mid-send leaves the row in SENDING;
 * when the lease runs out another claim sends the same document id again, which the
 * network recognises. Every send is logged as a disclosure.
 * <p>
 * At shutdown (decision 046) it claims nothing more and waits up to
 * {@link #SAFE_POINT_WAIT} for the sends under way to be answered and recorded; one still
 * under way then is given back, queued and due at once, so that the next start or another
 * instance sends it without waiting for the lease.
 */
@Component
class PublicationWorker implements SmartLifecycle {

	/** How long the shutdown waits for the sends under way. */
	static final Duration SAFE_POINT_WAIT = Duration.ofSeconds(20);

	private static final Logger log = LoggerFactory.getLogger(PublicationWorker.class);

	private final SubmissionStore store;

	private final RegionalNetwork network;

	private final RegionalPublisher publisher;

	private final Studies studies;

	private final Departments departments;

	private final RswProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final AtomicBoolean stopping = new AtomicBoolean();

	/** Held shared by each send, exclusively by the shutdown once the sends are over. */
	private final ReadWriteLock sends = new ReentrantReadWriteLock();

	/** The lease tokens of the sends under way, by study. */
	private final Map<UUID, UUID> underWay = new ConcurrentHashMap<>();

	private volatile boolean started;

	/** {@link #SAFE_POINT_WAIT}, shorter in tests. */
	Duration safePointWait = SAFE_POINT_WAIT;

	PublicationWorker(SubmissionStore store, RegionalNetwork network, RegionalPublisher publisher, Studies studies,
			Departments departments, RswProperties properties, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, Clock clock) {
		this.store = store;
		this.network = network;
		this.publisher = publisher;
		this.studies = studies;
		this.departments = departments;
		this.properties = properties;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${studygate.rsw.worker-interval:PT10S}", initialDelayString = "PT30S")
	void run() {
		if (!properties.workerEnabled()) {
			return;
		}
		for (int sent = 0; sent < 100 && sendOne(clock.instant()); sent++) {
			// one at a time; each claim takes the next due submission
		}
	}

	/**
	 * Sends every submission due at {@code now}, one after the other; the number sent.
	 */
	int sendDue(Instant now) {
		int sent = 0;
		while (sent < 1000 && sendOne(now)) {
			sent++;
		}
		return sent;
	}

	/**
	 * Claims and sends the submission due longest at {@code now}; {@code false} when none
	 * is due.
	 */
	boolean sendOne(Instant now) {
		if (stopping.get()) {
			return false;
		}
		sends.readLock().lock();
		try {
			return !stopping.get() && claimAndSend(now);
		}
		finally {
			sends.readLock().unlock();
		}
	}

	private boolean claimAndSend(Instant now) {
		UUID token = UUID.randomUUID();
		SubmissionStore.Row row = transaction
			.execute(status -> store.claimDue(now, now.plus(properties.lease()), token).orElse(null));
		if (row == null) {
			return false;
		}
		underWay.put(row.studyId(), token);
		try {
			send(row, token, now);
		}
		finally {
			underWay.remove(row.studyId());
		}
		return true;
	}

	private void send(SubmissionStore.Row row, UUID token, Instant now) {
		Study study = studies.find(new StudyId(row.studyId())).orElse(null);
		Department department = departments.find(row.departmentId()).orElse(null);
		RswPublishing publishing = department == null ? null : department.settings().rsw();
		String refusal = null;
		if (study == null || department == null) {
			refusal = "the study or its department no longer exists";
		}
		else if (!RegionalPublisher.publishes(publishing)) {
			refusal = "the department does not publish to the regional network";
		}
		else if (study.patient().nationalId() == null || study.patient().nationalId().isBlank()) {
			refusal = "the patient has no national identifier";
		}
		else if (study.cancelled()) {
			refusal = "the study is cancelled";
		}
		if (refusal != null) {
			String reason = refusal;
			transaction.executeWithoutResult(
					status -> store.finish(row.studyId(), token, SubmissionState.FAILED, null, reason, null));
			return;
		}
		RegionalNetwork.Endpoint endpoint = publisher.endpoint(publishing);
		Answer answer = network.submit(publication(row, study, department), endpoint);
		transaction.executeWithoutResult(status -> record(row, token, answer, endpoint, now));
	}

	/** Starts, or starts again after a stop (a stopped context may be started again). */
	@Override
	public void start() {
		stopping.set(false);
		started = true;
	}

	@Override
	public boolean isRunning() {
		return started;
	}

	/**
	 * Claims nothing more and waits for the sends under way; gives back those still under
	 * way after {@link #SAFE_POINT_WAIT}.
	 */
	@Override
	public void stop() {
		stopping.set(true);
		try {
			if (sends.writeLock().tryLock(safePointWait.toMillis(), TimeUnit.MILLISECONDS)) {
				sends.writeLock().unlock();
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			started = false;
		}
		underWay.forEach((study, token) -> {
			if (store.release(study, token, clock.instant())) {
				log.info("RSW send of study {} still under way at shutdown; given back", study);
			}
		});
	}

	private void record(SubmissionStore.Row row, UUID token, Answer answer, RegionalNetwork.Endpoint endpoint,
			Instant now) {
		String result;
		boolean recorded;
		if (answer instanceof Accepted) {
			result = "SENT";
			recorded = store.finish(row.studyId(), token, SubmissionState.SENT, null, null, now);
		}
		else if (answer instanceof Retry retry) {
			result = "RETRY";
			recorded = store.finish(row.studyId(), token, SubmissionState.QUEUED,
					now.plus(properties.backoff(row.attempts())), retry.summary(), null);
		}
		else {
			result = "FAILED";
			recorded = store.finish(row.studyId(), token, SubmissionState.FAILED, null, answer.summary(), null);
		}
		if (!recorded) {
			log.warn("RSW send of study {} finished after its lease ran out; the answer was {}", row.studyId(),
					answer.summary());
		}
		events.publishEvent(new PublicationAttempted(clock.instant(),
				Actor.system("regional network publisher").asAuditActor(), row.studyId(), row.documentId(),
				row.replacesId(), row.attempts(), endpoint.url().getHost(), answer.summary(), result));
	}

	private static Publication publication(SubmissionStore.Row row, Study study, Department department) {
		return new Publication(row.documentId(), row.replacesId(), row.queuedAt(), study.studyInstanceUid(),
				study.accessionNumber(), study.studyDate(), study.performedAt(), study.modality(), study.description(),
				study.seriesCount(), study.instanceCount(), study.patient().nationalId(), study.patient().displayName(),
				study.patient().birthDate(), study.patient().sex(), department.name());
	}

}
