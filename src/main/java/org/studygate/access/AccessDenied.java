package org.studygate.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/** The decision point refused an action on a study. */
public record AccessDenied(Instant occurredAt, AuditActor actor, UUID studyId, Action attempted,
		String reason) implements AuditableEvent {

	@Override
	public String action() {
		return attempted.name();
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.DENIED;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("reason", reason);
	}

}
