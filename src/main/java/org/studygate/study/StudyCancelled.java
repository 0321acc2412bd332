package org.studygate.study;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A study was cancelled, or a cancelled study restored ({@code cancelled} false), by its
 * RIS or a source admin.
 */
public record StudyCancelled(Instant occurredAt, AuditActor actor, StudyId id, boolean cancelled,
		String reason) implements AuditableEvent {

	@Override
	public String action() {
		return cancelled ? "STUDY_CANCELLED" : "STUDY_UNCANCELLED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public UUID studyId() {
		return id.value();
	}

	@Override
	public Map<String, String> details() {
		return reason == null || reason.isBlank() ? Map.of() : Map.of("reason", reason);
	}

}
