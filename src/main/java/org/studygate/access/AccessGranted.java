package org.studygate.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An explicit grant was given on a study, or merged into the grant its subject already
 * held there.
 */
public record AccessGranted(Instant occurredAt, AuditActor actor, Grant grant) implements AuditableEvent {

	@Override
	public String action() {
		return "ACCESS_GRANTED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public UUID studyId() {
		return grant.studyId().value();
	}

	@Override
	public Map<String, String> details() {
		return Map.of("grantId", grant.id().toString(), "subject", grant.subjectType() + " " + grant.subjectId(),
				"scope", grant.scope().name(), "mayShare", Boolean.toString(grant.mayShare()), "validUntil",
				String.valueOf(grant.validUntil()), "origin", grant.origin().name());
	}

}
