package org.studygate.transfer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/** The service desk changed the destination allow-list ({@code TRANSFER_ALLOW_LIST_CHANGED}), old → new. */
public record AllowListChanged(Instant occurredAt, AuditActor actor, List<String> before, List<String> after)
		implements AdministrationEvent {

	@Override
	public String action() {
		return "TRANSFER_ALLOW_LIST_CHANGED";
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
		return Map.of("old", String.join(" ", before), "new", String.join(" ", after));
	}

}
