package org.studygate.breakglass;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/** A source admin reviewed an unlock and found it justified or a misuse. */
public record UnlockReviewed(Instant occurredAt, AuditActor actor, UUID unlockId, UUID studyId, String unlockedBy,
		Verdict verdict, String comment) implements AuditableEvent {

	@Override
	public String action() {
		return "UNLOCK_REVIEWED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("unlockId", unlockId.toString(), "unlockedBy", unlockedBy, "verdict", verdict.name(), "comment",
				comment == null ? "" : comment);
	}

}
