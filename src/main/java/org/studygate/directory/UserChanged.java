package org.studygate.directory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * A user's profile changed, by himself or by the service desk: each changed field with
 * its old and new value ({@code "old → new"}), and their names under {@code fields}
 * (docs/decisions/027-administration-log.md).
 */
public record UserChanged(Instant occurredAt, AuditActor actor, UserId user, String userName,
		Map<String, String> fieldChanges) implements AdministrationEvent {

	public UserChanged {
		fieldChanges = Map.copyOf(fieldChanges);
	}

	/**
	 * The fields that differ between the profile before and after, empty when none does.
	 */
	static Map<String, String> between(UserView before, UserView after) {
		Map<String, String> changes = new LinkedHashMap<>();
		compare(changes, "displayName", before.displayName(), after.displayName());
		compare(changes, "email", before.email(), after.email());
		compare(changes, "mobile", before.mobile(), after.mobile());
		compare(changes, "language", before.language(), after.language());
		compare(changes, "contactPublic", before.contactPublic(), after.contactPublic());
		return changes;
	}

	private static void compare(Map<String, String> changes, String field, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			changes.put(field, (before == null ? "" : before) + " → " + (after == null ? "" : after));
		}
	}

	@Override
	public String action() {
		return "USER_CHANGED";
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
		Map<String, String> changes = new LinkedHashMap<>(fieldChanges);
		changes.put("userId", user.toString());
		changes.put("userName", userName);
		changes.put("fields", String.join(",", fieldChanges.keySet().stream().sorted().toList()));
		return changes;
	}

}
