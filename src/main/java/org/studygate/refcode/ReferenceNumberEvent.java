package org.studygate.refcode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * Something a person or the application did to a study's reference number: issued
 * (generated or delivered by the RIS), revealed, pincode revealed, withdrawn, superseded,
 * unblocked, payment marked received. The code itself is never part of the entry, only
 * its id.
 *
 * @param change ISSUED, REVEALED, PINCODE_REVEALED, WITHDRAWN, SUPERSEDED, UNBLOCKED or
 * PAYMENT_RECEIVED
 */
public record ReferenceNumberEvent(Instant occurredAt, AuditActor actor, UUID studyId, UUID referenceNumberId,
		String change, String detail) implements AuditableEvent {

	@Override
	public String action() {
		return "REFERENCE_NUMBER_" + change;
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		if (referenceNumberId != null) {
			details.put("referenceNumber", referenceNumberId.toString());
		}
		if (detail != null) {
			details.put("detail", detail);
		}
		return details;
	}

}
