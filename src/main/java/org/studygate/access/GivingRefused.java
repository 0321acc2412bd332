package org.studygate.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A gift of access was refused by the one rule for giving (decision 030): a right the
 * giver lacks, a gift to himself, or an end beyond his own access.
 *
 * @param via GRANT, SHARE, SHARE_CODE, PRINTED_CODE, REFERENCE_NUMBER or CLAIM
 * @param field the request's field that was refused
 */
public record GivingRefused(Instant occurredAt, AuditActor actor, UUID studyId, String via, String field,
		String reason) implements AuditableEvent {

	@Override
	public String action() {
		return "GIVING_REFUSED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.DENIED;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("via", via, "field", field, "reason", reason);
	}

}
