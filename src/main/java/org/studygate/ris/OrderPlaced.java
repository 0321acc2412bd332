package org.studygate.ris;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An order was placed through the API ({@code ORDER_PLACED}), on the study it joined when
 * there is one, or refused.
 */
public record OrderPlaced(Instant occurredAt, AuditActor actor, UUID studyId, AuditOutcome outcome,
		Map<String, String> details) implements AuditableEvent {

	@Override
	public String action() {
		return "ORDER_PLACED";
	}

}
