package org.studygate.rsw;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A study was queued for publication to the regional health network: on arrival of its
 * images, or by a person's "Send". Logged as {@code RSW_SEND}, a disclosure
 * (PrivacyDisclosure in the FHIR export).
 *
 * @param replacesId the document the new one replaces on the network, {@code null} for a
 * first send
 * @param trigger ARRIVAL or RESEND
 */
public record PublicationQueued(Instant occurredAt, AuditActor actor, UUID studyId, UUID documentId, UUID replacesId,
		String trigger) implements AuditableEvent {

	@Override
	public String action() {
		return "RSW_SEND";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("documentId", documentId.toString());
		if (replacesId != null) {
			details.put("replaces", replacesId.toString());
		}
		details.put("trigger", trigger);
		return details;
	}

}
