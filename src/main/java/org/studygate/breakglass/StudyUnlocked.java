package org.studygate.breakglass;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A user broke the glass: a security alert, Emergency Override Started (DCM 110127), with
 * the purpose of use and the reason in the details. Also tells the department's source
 * admins by e-mail after the unlock committed (from the event publication registry).
 */
public record StudyUnlocked(Instant occurredAt, AuditActor actor, UUID unlockId, UUID studyId, UUID departmentId,
		Unlock.Kind kind, PurposeOfUse purpose, String reason, Instant expiresAt) implements AuditableEvent {

	@Override
	public String action() {
		return "STUDY_UNLOCKED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("unlockId", unlockId.toString(), "kind", kind.name(), "purposeOfUse", purpose.name(), "reason",
				reason, "expiresAt", expiresAt.toString());
	}

}
