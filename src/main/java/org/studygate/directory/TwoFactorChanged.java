package org.studygate.directory;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * A staff user's second factor changed (decision 057): {@code USER_TWO_FACTOR_ENABLED}
 * when an authenticator app was confirmed, {@code USER_RECOVERY_CODES_RENEWED} when new
 * recovery codes replaced the old ones, {@code USER_TWO_FACTOR_RESET} when the service
 * desk turned it off (DENIED when someone else tried). Never carries a secret; names the
 * method (EMAIL, SMS) of codes turned on (decision 065).
 */
public record TwoFactorChanged(Instant occurredAt, AuditActor actor, UserId userId, String action, AuditOutcome outcome,
		String method) implements AdministrationEvent {

	public TwoFactorChanged(Instant occurredAt, AuditActor actor, UserId userId, String action, AuditOutcome outcome) {
		this(occurredAt, actor, userId, action, outcome, null);
	}

	static final String ENABLED = "USER_TWO_FACTOR_ENABLED";

	static final String RECOVERY_CODES_RENEWED = "USER_RECOVERY_CODES_RENEWED";

	static final String RESET = "USER_TWO_FACTOR_RESET";

	static final String TURNED_OFF = "USER_TWO_FACTOR_TURNED_OFF";

	@Override
	public String departmentCode() {
		return null;
	}

	@Override
	public Map<String, String> changes() {
		return method == null ? Map.of("userId", userId.toString())
				: Map.of("userId", userId.toString(), "method", method);
	}

}
