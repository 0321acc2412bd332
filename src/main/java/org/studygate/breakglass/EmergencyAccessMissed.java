package org.studygate.breakglass;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An emergency-access search named the patient ID of this study but was not offered it (a
 * wrong birth date, or the department's policy): written on the study, so that its
 * department sees who probed its patient (decision 034). The birth date that was tried is
 * never logged.
 */
public record EmergencyAccessMissed(Instant occurredAt, AuditActor actor, UUID studyId, String patientId,
		String reason) implements AuditableEvent {

	@Override
	public String action() {
		return "EMERGENCY_ACCESS_MISSED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.FAILURE;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("patientId", patientId, "reason", reason);
	}

}
