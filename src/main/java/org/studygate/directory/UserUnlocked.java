package org.studygate.directory;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * The service desk unlocked a staff account ({@code USER_UNLOCKED}): its locks and
 * failure count are cleared.
 */
public record UserUnlocked(Instant occurredAt, AuditActor actor, UserId userId,
		String username) implements AdministrationEvent {

	@Override
	public String action() {
		return "USER_UNLOCKED";
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
		return Map.of("userId", userId.toString(), "username", username);
	}

}
