package org.studygate.breakglass;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A source admin ended an unlock early: Emergency Override Stopped (DCM 110138). The
 * actor is the admin; the details name whose override it was, its purpose and reason.
 */
public record UnlockRevoked(Instant occurredAt, AuditActor actor, UUID unlockId, UUID studyId, String unlockedBy,
		PurposeOfUse purpose, String reason, String comment) implements AuditableEvent {

	@Override
	public String action() {
		return "UNLOCK_REVOKED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new HashMap<>(Map.of("unlockId", unlockId.toString(), "unlockedBy", unlockedBy,
				"purposeOfUse", purpose.name(), "reason", reason, "stoppedBy", "revocation"));
		if (comment != null) {
			details.put("comment", comment);
		}
		return details;
	}

}
