package org.studygate.transfer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A PACS destination was saved or removed ({@code TRANSFER_DESTINATION_SAVED}, {@code _REMOVED}), or
 * a change of someone else's destination refused ({@code TRANSFER_DESTINATION_REFUSED}, DENIED).
 */
public record DestinationChanged(Instant occurredAt, AuditActor actor, String change, UUID destinationId,
		String destination) implements AuditableEvent {

	@Override
	public String action() {
		return "TRANSFER_DESTINATION_" + change;
	}

	@Override
	public AuditOutcome outcome() {
		return "REFUSED".equals(change) ? AuditOutcome.DENIED : AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("destinationId", String.valueOf(destinationId), "destination", destination);
	}

}
