package org.studygate.breakglass;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An unlock reached its end: Emergency Override Stopped (DCM 110138). Recorded once per
 * unlock by the expiry sweep, a little after the instant (the unlock stops permitting at
 * the instant itself, whether or not the sweep has run). The actor is the user whose
 * override it was.
 */
public record UnlockExpired(Instant occurredAt, AuditActor actor, UUID unlockId, UUID studyId, Instant expiredAt,
		PurposeOfUse purpose, String reason) implements AuditableEvent {

	@Override
	public String action() {
		return "UNLOCK_EXPIRED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("unlockId", unlockId.toString(), "expiredAt", expiredAt.toString(), "purposeOfUse",
				purpose.name(), "reason", reason, "stoppedBy", "expiry");
	}

}
