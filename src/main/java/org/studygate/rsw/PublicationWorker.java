package org.studygate.rsw;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

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
 */
@Component
class PublicationWorker {

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
		UUID token = UUID.randomUUID();
		SubmissionStore.Row row = transaction
			.execute(status -> store.claimDue(now, now.plus(properties.lease()), token).orElse(null));
		if (row == null) {
			return false;
		}
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
			return true;
		}
		RegionalNetwork.Endpoint endpoint = publisher.endpoint(publishing);
		Answer answer = network.submit(publication(row, study, department), endpoint);
		transaction.executeWithoutResult(status -> record(row, token, answer, endpoint, now));
		return true;
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
