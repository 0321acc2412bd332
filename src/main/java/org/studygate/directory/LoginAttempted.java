package org.studygate.directory;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A staff user tried to log in. Failed attempts are logged too; the password never is.
 *
 * @param provider the identity provider of a single sign-on, {@code null} for a password
 */
public record LoginAttempted(Instant occurredAt, UserId userId, String username, String displayName,
		LoginChannel channel, LoginOutcome result, String clientIp, String provider) implements AuditableEvent {

	/** An attempt with a password. */
	public LoginAttempted(Instant occurredAt, UserId userId, String username, String displayName, LoginChannel channel,
			LoginOutcome result, String clientIp) {
		this(occurredAt, userId, username, displayName, channel, result, clientIp, null);
	}

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
		return provider == null ? Map.of("channel", channel.name(), "result", result.name())
				: Map.of("channel", channel.name(), "result", result.name(), "provider", provider);
	}

}
