package org.studygate.directory;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A staff user tried to log in. Failed attempts are logged too; the password never is.
 */
public record LoginAttempted(Instant occurredAt, UserId userId, String username, String displayName,
		LoginChannel channel, LoginOutcome result, String clientIp) implements AuditableEvent {

	@Override
	public AuditActor actor() {
		return userId == null ? new AuditActor("ANONYMOUS", null, username)
				: new AuditActor("USER", userId.toString(), displayName);
	}

	@Override
	public String action() {
		return "STAFF_LOGIN";
	}

	@Override
	public AuditOutcome outcome() {
		return result == LoginOutcome.SUCCESS ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("channel", channel.name(), "result", result.name());
	}

}
