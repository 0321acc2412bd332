package org.studygate.transfer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * The service desk changed the destination allow-list
 * ({@code TRANSFER_ALLOW_LIST_CHANGED}, old → new), or somebody else was refused reading
 * or changing it ({@code TRANSFER_ALLOW_LIST_REFUSED}, DENIED).
 */
public record AllowListChanged(Instant occurredAt, AuditActor actor, List<String> before, List<String> after,
		boolean refused) implements AdministrationEvent {

	@Override
	public String action() {
		return refused ? "TRANSFER_ALLOW_LIST_REFUSED" : "TRANSFER_ALLOW_LIST_CHANGED";
	}

	@Override
	public AuditOutcome outcome() {
		return refused ? AuditOutcome.DENIED : AuditOutcome.SUCCESS;
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
