package org.studygate.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An implicit way in was withdrawn (an exclusion recorded) or restored; logged like a
 * grant's withdrawal (decision 060).
 *
 * @param restored whether this is the restoration of the exclusion
 */
public record AccessExcluded(Instant occurredAt, AuditActor actor, Exclusion exclusion,
		boolean restored) implements AuditableEvent {

	@Override
	public String action() {
		return restored ? "EXCLUSION_RESTORED" : "ACCESS_EXCLUDED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public UUID studyId() {
		return exclusion.studyId();
	}

	@Override
	public Map<String, String> details() {
		return Map.of("exclusionId", exclusion.id().toString(), "subject",
				exclusion.subjectType() + " " + exclusion.subjectId(), "path",
				exclusion.path() == null ? "" : exclusion.path(), "reason", exclusion.reason());
	}

}
