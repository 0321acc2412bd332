package org.studygate.transfer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * A PACS destination was added or removed ({@code TRANSFER_DESTINATION_SAVED},
 * {@code _REMOVED}), a change of someone else's destination refused
 * ({@code TRANSFER_DESTINATION_REFUSED}, DENIED), or a destination refused because its
 * host is not on the allow-list ({@code TRANSFER_DESTINATION_NOT_ALLOWED}, DENIED): an
 * administration entry, with the department of a department's destination.
 *
 * @param departmentCode the department whose destination it is; null for a user's own
 * @param reason why it was refused; null otherwise
 */
public record DestinationChanged(Instant occurredAt, AuditActor actor, String change, UUID destinationId,
		String destination, String departmentCode, String reason) implements AdministrationEvent {

	@Override
	public String action() {
		return "TRANSFER_DESTINATION_" + change;
	}

	@Override
	public AuditOutcome outcome() {
		return "REFUSED".equals(change) || "NOT_ALLOWED".equals(change) ? AuditOutcome.DENIED : AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> changes() {
		Map<String, String> changes = new LinkedHashMap<>();
		changes.put("destinationId", String.valueOf(destinationId));
		changes.put("destination", destination);
		if (reason != null) {
			changes.put("reason", reason);
		}
		return changes;
	}

}
