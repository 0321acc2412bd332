package org.studygate.breakglass;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An emergency-access search refused because the user or his address searched too often
 * without a match (decision 034); the search was not made. The patient ID is logged, the
 * birth date never.
 */
public record EmergencySearchThrottled(Instant occurredAt, AuditActor actor, String patientId,
		String limit) implements AuditableEvent {

	@Override
	public String action() {
		return "EMERGENCY_SEARCH_THROTTLED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.DENIED;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("patientId", patientId, "limit", limit);
	}

}
