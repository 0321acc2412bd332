package org.studygate.directory;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * A practice's admin (or the service desk) turned "members see each other's studies" on
 * or off (docs/product/10-cross-cutting-rules.md): GROUP_SHARING_CHANGED, old → new
 * (docs/decisions/027-administration-log.md).
 */
public record GroupSharingChanged(Instant occurredAt, AuditActor actor, GroupId group, String groupName, boolean before,
		boolean after) implements AdministrationEvent {

	@Override
	public String action() {
		return "GROUP_SHARING_CHANGED";
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
		return Map.of("groupId", group.toString(), "groupName", groupName, "membersShareStudies",
				before + " → " + after);
	}

}
