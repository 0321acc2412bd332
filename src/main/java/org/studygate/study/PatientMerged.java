package org.studygate.study;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A study moved to another patient of its department because the RIS merged the two
 * (ADT^A40): logged on every moved study.
 */
public record PatientMerged(Instant occurredAt, AuditActor actor, StudyId id, String priorPatientId,
		String survivingPatientId) implements AuditableEvent {

	@Override
	public String action() {
		return "PATIENT_MERGED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public UUID studyId() {
		return id.value();
	}

	@Override
	public Map<String, String> details() {
		return Map.of("priorPatientId", priorPatientId, "survivingPatientId", survivingPatientId);
	}

}
