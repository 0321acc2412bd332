package org.studygate.refcode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.directory.Actor;
import org.studygate.study.PatientContact;
import org.studygate.study.Studies;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyPatients;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A code's way to a session, shared by the steps of a sign-in: whether the code may still
 * open one, the studies it opens, and the session a last step opens (logged).
 */
@Component
class CodeSessions {

	/** Who a failed step is logged as: nobody is signed in. */
	static final AuditActor ANONYMOUS = Actor.anonymous().asAuditActor();

	private final ReferenceNumberStore store;

	private final Studies studies;

	private final StudyPatients patients;

	private final CodeIssuers issuers;

	private final ApplicationEventPublisher events;

	CodeSessions(ReferenceNumberStore store, Studies studies, StudyPatients patients, CodeIssuers issuers,
			ApplicationEventPublisher events) {
		this.store = store;
		this.studies = studies;
		this.patients = patients;
		this.issuers = issuers;
		this.events = events;
	}

	/**
	 * Whether a study counts as arrived: the archive (or the RIS) reported instances for
	 * it. Until the archive integration sets the count, a study registered without
	 * instances has not arrived.
	 */
	static boolean arrived(Study study) {
		return study.instanceCount() > 0;
	}

	/** The code's row while it may still open a session. */
	Optional<ReferenceNumberStore.Row> usable(ReferenceNumberId id, Instant now) {
		return Optional.ofNullable(id)
			.flatMap(i -> store.byId(i.value()))
			.filter(r -> r.state() == ReferenceNumberState.ACTIVE && r.inForceAt(now));
	}

	/**
	 * The code's studies that have arrived and are not cancelled, in the order of their
	 * ids: the code's links and the studies in one query (decision 081).
	 */
	List<Study> arrivedStudies(UUID codeId) {
		StudyCondition linked = StudyCondition
			.of("s.id in (select study_id from refcode.reference_number_study where reference_number_id = ?)", codeId);
		return studies.find(linked).stream().filter(s -> !s.cancelled() && arrived(s)).toList();
	}

	Optional<PatientContact> contact(Study study) {
		return patients.contact(study.id());
	}

	Optional<CodeTerms.Terms> terms(UUID codeId) {
		return issuers.terms(codeId);
	}

	/** The session a code with these terms opens, as the log names it. */
	static AuditActor session(UUID codeId, String name, Optional<CodeTerms.Terms> terms) {
		return Actor.codeSession(CodeIssuers.sessionKind(terms), codeId, name).asAuditActor();
	}

	/** Signed in without a further step: the code session over its arrived studies. */
	static LoginResult.Verified verified(UUID codeId, String name, List<Study> arrived,
			Optional<CodeTerms.Terms> terms) {
		return new LoginResult.Verified(new ReferenceNumberId(codeId), name, arrived.stream().map(Study::id).toList(),
				CodeIssuers.sessionKind(terms));
	}

	/** The last step succeeded: the code session begins, logged as the step's success. */
	LoginResult verified(ReferenceNumberStore.Row row, String step, Instant now) {
		List<Study> arrived = arrivedStudies(row.id());
		if (arrived.isEmpty()) {
			return new LoginResult.NotArrived();
		}
		String name = arrived.get(0).patient().displayName();
		Optional<CodeTerms.Terms> terms = terms(row.id());
		events.publishEvent(new PatientLoginAttempted(now, session(row.id(), name, terms), step, AuditOutcome.SUCCESS,
				null, row.id(), arrived.get(0).id().value()));
		return verified(row.id(), name, arrived, terms);
	}

	/**
	 * A step failed: logged under the anonymous actor, with the code when there is one.
	 */
	void failed(Instant now, String step, String reason, ReferenceNumberId codeId) {
		events.publishEvent(new PatientLoginAttempted(now, ANONYMOUS, step, AuditOutcome.FAILURE, reason,
				codeId == null ? null : codeId.value(), null));
	}

}
