package org.studygate.directory;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * A physician turned his own practice sharing on or off
 * (docs/decisions/061-practice-sharing-by-choice.md): PRACTICE_SHARING_CHANGED, old → new
 * (docs/decisions/027-administration-log.md).
 */
public record PracticeSharingChanged(Instant occurredAt, AuditActor actor, UserId user, boolean before,
		boolean after) implements AdministrationEvent {

	@Override
	public String action() {
		return "PRACTICE_SHARING_CHANGED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public String departmentCode() {
		return null;
	}

	@Override
	public Map<String, String> changes() {
		return Map.of("userId", user.toString(), "sharesWithPractice", before + " → " + after);
	}

}
