package org.studygate.directory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * A membership of a practice or a medical department changed, or an attempt to change one
 * was refused: MEMBERSHIP_INVITED, _ACCEPTED, _DECLINED, _ADDED (by the service desk,
 * with its reason), _CHANGED, _REMOVED, _LEFT, and _ACCEPT_REFUSED, _DECLINE_REFUSED,
 * _LEAVE_REFUSED (DENIED). The entry names the group and the user by id and by name, so
 * that the administration log answers "who made this person a member of that practice"
 * (docs/decisions/027-administration-log.md).
 *
 * @param group the group's id as the actor named it (not an id at all for some refusals)
 * @param more further details: the reason, the role's old and new value, the invitation's
 * expiry
 */
public record MembershipChanged(Instant occurredAt, AuditActor actor, String action, AuditOutcome outcome, String group,
		String groupName, UserId user, String userName, MembershipRole role,
		Map<String, String> more) implements AdministrationEvent {

	public MembershipChanged {
		more = Map.copyOf(more);
	}

	@Override
	public String departmentCode() {
		return null;
	}

	@Override
	public Map<String, String> changes() {
		Map<String, String> changes = new LinkedHashMap<>();
		put(changes, "groupId", group);
		put(changes, "groupName", groupName);
		put(changes, "userId", user == null ? null : user.toString());
		put(changes, "userName", userName);
		put(changes, "role", role == null ? null : role.name());
		changes.putAll(more);
		return changes;
	}

	private static void put(Map<String, String> changes, String key, String value) {
		if (value != null) {
			changes.put(key, value);
		}
	}

}
