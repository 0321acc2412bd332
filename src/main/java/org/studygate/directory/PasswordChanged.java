package org.studygate.directory;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * A staff user changed his password ({@code USER_PASSWORD_CHANGED}); his API tokens are
 * revoked with it.
 */
public record PasswordChanged(Instant occurredAt, AuditActor actor, UserId userId) implements AdministrationEvent {

	@Override
	public String action() {
		return "USER_PASSWORD_CHANGED";
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
		return Map.of("userId", userId.toString());
	}

}
