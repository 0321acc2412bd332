package org.studygate.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * Someone who manages access to a study read who has access to it (the Access tab or its
 * API).
 */
public record AccessTabOpened(Instant occurredAt, AuditActor actor, UUID studyId,
		String channel) implements AuditableEvent {

	@Override
	public String action() {
		return "ACCESS_TAB_OPENED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("channel", channel);
	}

}
