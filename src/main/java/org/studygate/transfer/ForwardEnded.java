package org.studygate.transfer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A forward ended: the study reached the destination ({@code FORWARDED}, a disclosure),
 * failed after its attempts ({@code FORWARD_FAILED}) or was cancelled
 * ({@code FORWARD_CANCELLED}). The actor is the user who asked for it; the worker writes
 * it when the job ends.
 */
public record ForwardEnded(Instant occurredAt, AuditActor actor, UUID transferId, UUID studyId, String destination,
		String ending, int instances, String error) implements AuditableEvent {

	@Override
	public String action() {
		return switch (ending) {
			case "DONE" -> "FORWARDED";
			case "CANCELLED" -> "FORWARD_CANCELLED";
			default -> "FORWARD_FAILED";
		};
	}

	@Override
	public AuditOutcome outcome() {
		return "FAILED".equals(ending) ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS;
	}

	@Override
	public String accessChannel() {
		return "API";
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("transferId", transferId.toString());
		details.put("destination", destination);
		details.put("instances", Integer.toString(instances));
		if (error != null) {
			details.put("error", error);
		}
		return details;
	}

}
