package org.studygate.refcode;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A patient signed in with a reference number opened one of its studies (and its report,
 * when shown).
 */
public record PatientStudyOpened(Instant occurredAt, AuditActor actor, UUID studyId,
		boolean reportShown) implements AuditableEvent {

	@Override
	public String action() {
		return "STUDY_OPENED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public String accessChannel() {
		return "PATIENT_PORTAL";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("report", Boolean.toString(reportShown));
	}

}
