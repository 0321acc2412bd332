package org.studygate.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/** Someone who manages access to a study asked why a user may or may not reach it. */
public record AccessExplained(Instant occurredAt, AuditActor actor, UUID studyId,
		UUID explainedUserId) implements AuditableEvent {

	@Override
	public String action() {
		return "ACCESS_EXPLAINED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("user", explainedUserId.toString());
	}

}
