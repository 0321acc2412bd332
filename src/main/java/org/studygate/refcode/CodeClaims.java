package org.studygate.refcode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.directory.Actor;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A staff user adds a code's studies to his own explore page with the code and the
 * patient's birth date (docs/product/05-workflows.md#claiming-a-study): the first step's
 * checks, throttle and blocking, then a grant with origin REFERENCE_NUMBER_CLAIM per
 * study, in the department's patient scope, until the code's end. A code another module
 * issued cannot be claimed. Every outcome is logged as REFERENCE_NUMBER_CLAIM.
 */
@Component
class CodeClaims {

	private static final String STEP = "REFERENCE_NUMBER_CLAIM";

	private final CodeCheck check;

	private final ReferenceNumberStore store;

	private final Studies studies;

	private final Grants grants;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CodeClaims(CodeCheck check, ReferenceNumberStore store, Studies studies, Grants grants,
			ApplicationEventPublisher events, Clock clock) {
		this.check = check;
		this.store = store;
		this.studies = studies;
		this.grants = grants;
		this.events = events;
		this.clock = clock;
	}

	/** The studies claimed; empty on any failure (one generic answer). */
	List<StudyId> claim(Actor actor, String code, LocalDate birthDate, String client) {
		Instant now = clock.instant();
		if (!actor.isUser()) {
			return List.of();
		}
		CodeCheck.Checked checked = check.check(code, birthDate, null, client, now,
				refused -> events.publishEvent(new PatientLoginAttempted(now, actor.asAuditActor(), STEP,
						AuditOutcome.FAILURE, refused.reason(), refused.loggedId(), null, true)));
		if (!checked.accepted()) {
			return List.of();
		}
		UUID codeId = checked.row().id();
		if (checked.terms().isPresent()) {
			log(now, actor, AuditOutcome.FAILURE, CodeCheck.Refusal.BUCKET_CODE.logged(), codeId, null);
			return List.of();
		}
		ReferenceNumberPolicy.PatientScope scope = checked.department()
			.get()
			.settings()
			.referenceNumbers()
			.patientScope();
		GrantScope asked = scope == ReferenceNumberPolicy.PatientScope.IMAGES_REPORT_READ
				? GrantScope.IMAGES_REPORT_READ : GrantScope.IMAGES;
		// the code gives, not the claimant: the grant is what the code's own session may
		// do (decision 030)
		Actor session = Actor.patient(codeId, "reference number");
		List<StudyId> claimed = new ArrayList<>();
		for (UUID id : store.studiesOf(codeId)) {
			Optional<Study> study = studies.find(new StudyId(id));
			if (study.isEmpty() || grants.claimed(actor, session, study.get(), asked).isEmpty()) {
				continue;
			}
			log(now, actor, AuditOutcome.SUCCESS, null, codeId, id);
			claimed.add(study.get().id());
		}
		return claimed;
	}

	private void log(Instant now, Actor actor, AuditOutcome outcome, String reason, UUID codeId, UUID studyId) {
		events
			.publishEvent(new PatientLoginAttempted(now, actor.asAuditActor(), STEP, outcome, reason, codeId, studyId));
	}

}
