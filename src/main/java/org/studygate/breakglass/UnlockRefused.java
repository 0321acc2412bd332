package org.studygate.breakglass;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An unlock was refused because the study cannot be unlocked by this user now (unknown,
 * cancelled, policy disabled or not for his kind, patient not matched). The caller only
 * hears "not found"; the log keeps the real reason.
 *
 * @param studyId the study the caller named, {@code null} when it does not exist
 */
public record UnlockRefused(Instant occurredAt, AuditActor actor, UUID studyId,
		String reason) implements AuditableEvent {

	@Override
	public String action() {
		return "UNLOCK_REFUSED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.DENIED;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("reason", reason);
	}

}
