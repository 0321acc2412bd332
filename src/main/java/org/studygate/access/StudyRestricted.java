package org.studygate.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/** A study was marked restricted, or its restriction lifted (decision 060). */
public record StudyRestricted(Instant occurredAt, AuditActor actor, UUID studyId, boolean restricted,
		String reason) implements AuditableEvent {

	@Override
	public String action() {
		return restricted ? "STUDY_RESTRICTED" : "STUDY_UNRESTRICTED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("reason", reason);
	}

}
