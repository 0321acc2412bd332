package org.studygate.directory;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * The service desk registered a staff user (docs/decisions/027-administration-log.md);
 * never the password.
 */
public record UserCreated(Instant occurredAt, AuditActor actor, UserView user) implements AdministrationEvent {

	@Override
	public String action() {
		return "USER_CREATED";
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
		Map<String, String> changes = new TreeMap<>();
		changes.put("userId", user.id().toString());
		changes.put("userName", user.displayName());
		changes.put("username", user.username());
		changes.put("physicianNumbers", String.join(", ", user.physicianNumbers()));
		changes.put("serviceDesk", Boolean.toString(user.serviceDesk()));
		changes.put("language", user.language());
		return changes;
	}

}
