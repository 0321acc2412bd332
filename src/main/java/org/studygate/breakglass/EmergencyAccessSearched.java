package org.studygate.breakglass;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A user looked for a patient's studies to unlock by patient ID and birth date. Logged
 * whether or not anything matched, so that probing for patients shows in the log; the
 * birth date is not recorded.
 */
public record EmergencyAccessSearched(Instant occurredAt, AuditActor actor, String patientId,
		int matches) implements AuditableEvent {

	@Override
	public String action() {
		return "EMERGENCY_ACCESS_SEARCHED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("patientId", patientId, "matches", Integer.toString(matches));
	}

}
