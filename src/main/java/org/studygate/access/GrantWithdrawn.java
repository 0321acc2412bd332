package org.studygate.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/** A grant was withdrawn; from the next request on it permits nothing. */
public record GrantWithdrawn(Instant occurredAt, AuditActor actor, UUID studyId, GrantId grantId,
		SubjectType subjectType, UUID subjectId, String reason) implements AuditableEvent {

	@Override
	public String action() {
		return "GRANT_WITHDRAWN";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("grantId", grantId.toString(), "subject", subjectType + " " + subjectId, "reason", reason);
	}

}
