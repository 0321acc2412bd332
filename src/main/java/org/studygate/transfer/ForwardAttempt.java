package org.studygate.transfer;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.archive.ArchiveFiles;
import org.studygate.directory.Directory;
import org.studygate.study.Studies;
import org.studygate.study.Study;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt of a claimed forward (decision 022): the requester's right and the
 * destination are checked again, then the study is sent by C-STORE through the archive or
 * by STOW-RS, reporting progress as it goes. The job ends done, cancelled or failed, each
 * logged; a failed attempt with attempts left waits with a doubling backoff.
 */
@Component
class ForwardAttempt {

	private static final Logger log = LoggerFactory.getLogger(ForwardAttempt.class);

	private final TransferStore store;

	private final Destinations destinations;

	private final ArchiveFiles archive;

	private final Studies studies;

	private final AccessControl access;

	private final Directory directory;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final TransferProperties properties;

	private final AtomicBoolean pausing = new AtomicBoolean();

	ForwardAttempt(TransferStore store, Destinations destinations, ArchiveFiles archive, Studies studies,
			AccessControl access, Directory directory, ApplicationEventPublisher events, Clock clock,
			PlatformTransactionManager transactions, TransferProperties properties) {
		this.store = store;
		this.destinations = destinations;
		this.archive = archive;
		this.studies = studies;
		this.access = access;
		this.directory = directory;
		this.events = events;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
		this.properties = properties;
	}

	/** Why an attempt cannot succeed however often it is made. */
	static final class Permanent extends RuntimeException {

		Permanent(String message) {
			super(message);
		}

	}

	/** The application is stopping: the attempt was given back at a safe point. */
	static final class Paused extends RuntimeException {

		Paused() {
			super("paused");
		}

	}

	/** The worker lost its lease to another. */
	static final class Lost extends RuntimeException {

		Lost() {
			super("lost");
		}

	}

	void run(ForwardJob job) {
		try {
			Study study = studies.find(job.studyId()).orElseThrow(() -> new Permanent("the study is gone"));
			// decided again at every attempt: a grant withdrawn while the job waits stops
			// it
			// (docs/product/03-access-decisions.md)
			boolean stillPermitted = job.userId() != null && directory.actorOf(job.userId())
				.map(actor -> access.decide(actor, study, Action.FORWARD).isPermitted())
				.orElse(false);
			if (!stillPermitted) {
				throw new Permanent("the requester may no longer forward this study");
			}
			send(job, study);
		}
		catch (Lost ex) {
			log.info("transfer {} was taken by another worker", job.id());
		}
		catch (Paused ex) {
			log.debug("transfer {} paused for the shutdown", job.id());
		}
		catch (Permanent ex) {
			fail(job, ex.getMessage());
		}
		catch (Exception ex) {
			if (pausing.get()) {
				// interrupted by the shutdown: given back, neither failed nor delayed
				release(job, null);
				return;
			}
			String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			if (job.attempts() >= properties.maxAttempts()) {
				fail(job, reason);
			}
			else {
				retryLater(job, reason);
			}
		}
	}

	/**
	 * Sends the study to the job's destination, reached as the allow-list lets it be now.
	 */
	private void send(ForwardJob job, Study study) throws Exception {
		Destination found = Optional.ofNullable(job.destinationId())
			.flatMap(destinations::find)
			.orElseThrow(() -> new Permanent("the destination was removed"));
		// checked again at every attempt: the allow-list may have changed, the host
		// resolve elsewhere
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

	/**
	 * C-STORE through the archive: registers the peer, starts the archive's job and
	 * follows it.
	 */
	private boolean cStore(ForwardJob job, Destinations.Target target, List<ArchiveFiles.Instance> instances)
			throws Exception {
		Destination destination = target.destination();
		archive.registerPeer(destination.peerName(), destination.aeTitle(), target.host(), destination.port());
		String archiveJob = archive.store(destination.peerName(), instances);
		try {
			return follow(job, archiveJob, instances);
		}
		catch (Paused ex) {
			// the next attempt sends again; the archive's job would send alongside it
			archive.cancel(archiveJob);
			throw ex;
		}
	}

	private boolean follow(ForwardJob job, String archiveJob, List<ArchiveFiles.Instance> instances) throws Exception {
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

	/**
	 * STOW-RS straight to the destination, one instance per request, from where the
	 * progress stood.
	 */
	private boolean stow(ForwardJob job, Destinations.Target destination, List<ArchiveFiles.Instance> instances)
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

	/**
	 * Records progress and renews the lease; false when a cancel was asked for.
	 * @throws Lost when the job is no longer this worker's
	 */
	private boolean heartbeat(ForwardJob job, int done, int total) {
		if (pausing.get()) {
			release(job, done);
			throw new Paused();
		}
		boolean cancel = store.heartbeat(job, done, total, clock.instant().plus(properties.lease()))
			.orElseThrow(Lost::new);
		return !cancel;
	}

	/**
	 * The application is stopping (decision 046): each running attempt gives its job back
	 * at its next heartbeat, the safe point where its progress is known.
	 */
	void pause() {
		pausing.set(true);
	}

	/** The application runs again after a stop: attempts go on to their end. */
	void resume() {
		pausing.set(false);
	}

	/**
	 * Gives the attempt back, queued and due at once, unless it is no longer its job's.
	 */
	void release(ForwardJob job, Integer done) {
		if (store.release(job, done, clock.instant())) {
			log.info("transfer {} given back at shutdown with its progress", job.id());
		}
	}

	private void done(ForwardJob job, int instances) {
		transactions.executeWithoutResult(status -> {
			store.forwardDone(job.id(), instances, clock.instant());
			events.publishEvent(new ForwardEnded(clock.instant(), job.actor(), job.id().value(), job.studyId().value(),
					job.target(), "DONE", instances, null));
		});
	}

	private void cancelled(ForwardJob job, int done) {
		transactions.executeWithoutResult(status -> {
			String reason = store.forwardCancelled(job.id(), done, clock.instant());
			events.publishEvent(new ForwardEnded(clock.instant(), job.actor(), job.id().value(), job.studyId().value(),
					job.target(), "CANCELLED", done, reason));
		});
	}

	/** Fails the job for good, with the reason, and logs its end. */
	void fail(ForwardJob job, String reason) {
		String error = abbreviated(reason);
		transactions.executeWithoutResult(status -> {
			int done = store.forwardFailed(job.id(), error, clock.instant());
			events.publishEvent(new ForwardEnded(clock.instant(), job.actor(), job.id().value(), job.studyId().value(),
					job.target(), "FAILED", done, error));
		});
	}

	private void retryLater(ForwardJob job, String reason) {
		store.retryLater(job,
				abbreviated(reason) + " (attempt " + job.attempts() + " of " + properties.maxAttempts() + ")",
				clock.instant().plus(properties.backoffAfter(job.attempts())));
	}

	private static String abbreviated(String reason) {
		return reason.length() > 500 ? reason.substring(0, 500) + "…" : reason;
	}

}
