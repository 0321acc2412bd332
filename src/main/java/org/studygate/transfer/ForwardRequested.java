package org.studygate.transfer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A user asked to forward a study to a destination; the job is queued in the same
 * transaction.
 */
public record ForwardRequested(Instant occurredAt, AuditActor actor, UUID transferId, UUID studyId,
		String destination) implements AuditableEvent {

	@Override
	public String action() {
		return "FORWARD_REQUESTED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("transferId", transferId.toString(), "destination", destination);
	}

}
