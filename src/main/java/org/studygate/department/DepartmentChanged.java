package org.studygate.department;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * The service desk registered a department (DEPARTMENT_CREATED), renamed it or moved it
 * to another time zone (DEPARTMENT_CHANGED), or changed its settings
 * (DEPARTMENT_SETTINGS_CHANGED): each changed field with {@code "old → new"}
 * (docs/decisions/027-administration-log.md).
 */
public record DepartmentChanged(Instant occurredAt, AuditActor actor, String action, String departmentCode,
		Map<String, String> changes) implements AdministrationEvent {

	public DepartmentChanged {
		changes = Map.copyOf(changes);
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

}
