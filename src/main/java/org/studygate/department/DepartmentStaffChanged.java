package org.studygate.department;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.directory.UserId;

/**
 * The service desk made a user a source user or source admin of a department
 * (SOURCE_MEMBER_ADDED) or took that role from him (SOURCE_MEMBER_REMOVED)
 * (docs/decisions/027-administration-log.md).
 */
public record DepartmentStaffChanged(Instant occurredAt, AuditActor actor, String action, String departmentCode,
		UserId user, String userName, SourceRole role) implements AdministrationEvent {

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> changes() {
		Map<String, String> changes = new TreeMap<>();
		changes.put("userId", user.toString());
		if (userName != null) {
			changes.put("userName", userName);
		}
		changes.put("role", role.name());
		return changes;
	}

}
