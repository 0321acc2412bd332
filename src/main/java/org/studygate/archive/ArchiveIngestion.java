package org.studygate.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.InvalidInputException;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.study.Registered;
import org.studygate.study.Registrations;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows the archive's change feed and registers each study that became stable (decision
 * 017): new studies are matched to a department by sending AE title or institution name
 * and to an order by accession number; known studies get their series and instance
 * counts. Where the feed stands is kept in the database, advanced in the same transaction
 * as the study it processed, so that a restart resumes after the last change processed
 * and two instances never process one change twice. While the archive is down, attempts
 * back off up to {@link ArchiveProperties#maxBackoff()}.
 */
@Service
public class ArchiveIngestion {

	private static final Logger log = LoggerFactory.getLogger(ArchiveIngestion.class);

	private static final int PAGE = 100;

	/** What became of one study of the archive. */
	public enum Outcome {

		/** Registered now, by its arrival. */
		REGISTERED,
		/**
		 * Already registered (by a RIS or an earlier arrival); its counts were brought up
		 * to date.
		 */
		UPDATED,
		/**
		 * No department matches, or its Study Instance UID is not one; kept as unmatched.
		 */
		UNMATCHED,
		/** The archive no longer has it. */
		GONE

	}

	private final ArchiveProperties properties;

	private final OrthancChanges changes;

	private final DepartmentMatcher matcher;

	private final Studies studies;

	private final Registrations registrations;

	private final ArchiveStore store;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ReentrantLock polling = new ReentrantLock();

	private volatile int failures;

	private volatile Instant nextAttempt = Instant.EPOCH;

	ArchiveIngestion(ArchiveProperties properties, OrthancChanges changes, DepartmentMatcher matcher, Studies studies,
			Registrations registrations, ArchiveStore store,
			org.springframework.transaction.PlatformTransactionManager transactions, ApplicationEventPublisher events,
			Clock clock) {
		this.properties = properties;
		this.changes = changes;
		this.matcher = matcher;
		this.studies = studies;
		this.registrations = registrations;
		this.store = store;
		this.transactions = new TransactionTemplate(transactions);
		this.events = events;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${studygate.archive.poll-interval:PT5S}",
			initialDelayString = "${studygate.archive.poll-initial-delay:PT3S}")
	void scheduledPoll() {
		if (!properties.configured() || clock.instant().isBefore(nextAttempt)) {
			return;
		}
		try {
			poll();
		}
		catch (ArchiveUnavailableException ex) {
			// counted and logged by poll()
		}
	}

	/**
	 * Processes every change since the last one processed.
	 * @return how many stable studies were processed
	 * @throws ArchiveUnavailableException when the archive does not answer; the next
	 * scheduled attempt waits longer each time
	 */
	public int poll() {
		if (!polling.tryLock()) {
			return 0;
		}
		try {
			int processed = 0;
			long since = store.lastChange();
			while (true) {
				OrthancChanges.Batch batch = changes.since(since, PAGE);
				processed += process(batch, since);
				if (batch.done() || batch.last() <= since) {
					break;
				}
				since = batch.last();
			}
			if (failures > 0) {
				log.info("The archive answers again; ingestion resumed after {} failed attempts", failures);
			}
			failures = 0;
			nextAttempt = Instant.EPOCH;
			return processed;
		}
		catch (ArchiveUnavailableException ex) {
			failures++;
			Duration wait = backoff(failures);
			nextAttempt = clock.instant().plus(wait);
			log.warn("The archive did not answer ({}); ingestion tries again in {}", ex.getMessage(), wait);
			throw ex;
		}
		finally {
			polling.unlock();
		}
	}

	/**
	 * Processes one batch of the change feed, each stable study in its own transaction
	 * with the cursor moved past it, then moves the cursor past the batch's other
	 * changes.
	 * @return how many stable studies were processed
	 */
	private int process(OrthancChanges.Batch batch, long since) {
		int processed = 0;
		for (OrthancChanges.Change change : batch.changes()) {
			if (change.stableStudy()) {
				Optional<ArchivedStudy> study = changes.study(change.resourceId());
				transactions.executeWithoutResult(status -> {
					if (store.lockCursor() < change.seq()) {
						study.ifPresent(this::ingest);
						store.advance(change.seq(), clock.instant());
					}
				});
				processed++;
			}
		}
		if (batch.last() > since) {
			long last = batch.last();
			transactions.executeWithoutResult(status -> {
				if (store.lockCursor() < last) {
					store.advance(last, clock.instant());
				}
			});
		}
		return processed;
	}

	/**
	 * How long to wait after this many failed attempts in a row: doubling, up to the
	 * maximum.
	 */
	Duration backoff(int failedAttempts) {
		Duration wait = properties.pollInterval();
		for (int i = 1; i < failedAttempts && wait.compareTo(properties.maxBackoff()) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
	}

	/** How many attempts in a row failed, and when the next one is due. */
	public record Status(int failures, Instant nextAttempt, long lastChange) {

	}

	public Status status() {
		return new Status(failures, nextAttempt, store.lastChange());
	}

	/** The sequence number of the last change processed. */
	public long lastChange() {
		return store.lastChange();
	}

	/**
	 * Ingests one study of the archive by its archive id, outside the change feed (a
	 * study sent again, a repair); idempotent, also when several run at once.
	 */
	public Outcome ingestStudy(String archiveId) {
		Optional<ArchivedStudy> study = changes.study(archiveId);
		if (study.isEmpty()) {
			return Outcome.GONE;
		}
		return transactions.execute(status -> ingest(study.get()));
	}

	/**
	 * Registers a study of the archive for this department, whatever its AE title and
	 * institution say (the unmatched-studies desk); in the caller's transaction.
	 * @return the registered study; empty when the archive no longer has it
	 */
	Optional<StudyId> assign(String archiveId, Department department) {
		Optional<ArchivedStudy> study = changes.study(archiveId);
		if (study.isEmpty()) {
			return Optional.empty();
		}
		Outcome outcome = transactions.execute(status -> ingest(study.get(), department));
		String uid = study.get().tag("StudyInstanceUID");
		if (outcome == Outcome.UNMATCHED || uid == null) {
			throw new InvalidInputException("studyInstanceUid", "the study cannot be registered: "
					+ String.join(", ", store.unmatchedReasons(uid == null ? "archive:" + archiveId : uid)));
		}
		return studies.findIdByUid(uid);
	}

	private Outcome ingest(ArchivedStudy archived) {
		return ingest(archived, null);
	}

	private Outcome ingest(ArchivedStudy archived, Department assigned) {
		String uid = archived.tag("StudyInstanceUID");
		if (uid == null) {
			return unmatched(archived, "", "no Study Instance UID");
		}
		Optional<StudyId> existing = studies.findIdByUid(uid);
		if (existing.isPresent()) {
			arrived(existing.get(), archived, false);
			store.matched(uid);
			return Outcome.UPDATED;
		}
		Optional<Department> department = assigned != null ? Optional.of(assigned)
				: matcher.match(archived.remoteAet(), archived.tag("InstitutionName"));
		if (department.isEmpty()) {
			return unmatched(archived, uid, "no department matches its AE title or institution name");
		}
		ArchivedRegistration registration;
		try {
			registration = registration(archived, uid, department.get());
		}
		catch (InvalidInputException ex) {
			return unmatched(archived, uid, ex.field() + " " + ex.getMessage());
		}
		Registered registered = registrations.registerArrival(Actor.systemOperator("archive ingestion"),
				registration.registration(), registration.dateSource());
		arrived(registered.id(), archived, registered.created());
		store.matched(uid);
		return registered.created() ? Outcome.REGISTERED : Outcome.UPDATED;
	}

	private void arrived(StudyId id, ArchivedStudy archived, boolean created) {
		if (registrations.recordArrival(id, archived.seriesCount(), archived.instanceCount(), archived.archiveId())) {
			Study study = studies.find(id).orElseThrow();
			events.publishEvent(
					new StudyArrived(clock.instant(), Actor.systemOperator("archive ingestion").asAuditActor(), id,
							study.studyInstanceUid(), study.departmentId(), study.accessionNumber(),
							archived.seriesCount(), archived.instanceCount(), created));
		}
	}

	private ArchivedRegistration registration(ArchivedStudy archived, String uid, Department department) {
		String accession = ArchivedRegistration.accession(archived);
		StudyRegistration.OrderData order = accession == null ? null
				: registrations.findOrder(department.id(), accession).orElse(null);
		return ArchivedRegistration.of(archived, uid, department, order, clock.instant());
	}

	private Outcome unmatched(ArchivedStudy archived, String uid, String reason) {
		log.warn("Study {} of the archive ({}) is not registered: {}", uid, archived.archiveId(), reason);
		store.unmatched(uid.isEmpty() ? "archive:" + archived.archiveId() : uid, archived, reason, clock.instant());
		return Outcome.UNMATCHED;
	}

	/**
	 * Why a study of the archive is not registered; empty when it is (or was never seen).
	 */
	public List<String> unmatchedReasons(String studyInstanceUid) {
		return store.unmatchedReasons(studyInstanceUid);
	}

}
