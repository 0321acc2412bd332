package org.studygate.directory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * A staff account was locked ({@code USER_LOCKED}): by consecutive failed logins until
 * {@code lockedUntil} (the actor is the system; {@code clientIp} is the address of the
 * last failure), or on purpose by the service desk until it unlocks ({@code lockedUntil}
 * {@code null}). Its owner is mailed after the commit (decision 028).
 */
public record UserLocked(Instant occurredAt, AuditActor actor, UserId userId, String username, String by,
		Instant lockedUntil, int level, String clientIp, String reason) implements AdministrationEvent {

	/** {@link #by()} of a lock by failed logins. */
	public static final String BY_FAILURES = "failures";

	/** {@link #by()} of a deliberate lock. */
	public static final String BY_SERVICE_DESK = "service desk";

	public boolean byFailures() {
		return BY_FAILURES.equals(by);
	}

	@Override
	public String action() {
		return "USER_LOCKED";
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
		Map<String, String> changes = new LinkedHashMap<>();
		changes.put("userId", userId.toString());
		changes.put("username", username);
		changes.put("by", by);
		if (lockedUntil != null) {
			changes.put("lockedUntil", lockedUntil.toString());
			changes.put("level", Integer.toString(level));
		}
		if (reason != null && !reason.isBlank()) {
			changes.put("reason", reason);
		}
		return changes;
	}

}
