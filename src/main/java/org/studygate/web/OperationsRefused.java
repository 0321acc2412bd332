package org.studygate.web;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A signed-in user was refused an operations endpoint (metrics, actuator, API documents)
 * that his role does not open (decision 035). Anonymous refusals are not logged: they
 * name nobody.
 */
public record OperationsRefused(Instant occurredAt, AuditActor actor, String path) implements AuditableEvent {

	@Override
	public String action() {
		return "OPERATIONS_REFUSED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.DENIED;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("path", path);
	}

}
