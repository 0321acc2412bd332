package org.studygate.rsw;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * One send of a study's manifest to the regional health network, whatever the answer: the
 * study's data left Studygate (or may have). Logged as {@code RSW_SENT}, a disclosure
 * (PrivacyDisclosure in the FHIR export), with SUCCESS when the network accepted it and
 * FAILURE otherwise.
 *
 * @param destination the network endpoint's host
 * @param answer the network's answer (e.g. {@code HTTP 201}, {@code timeout after 30 s})
 * @param result SENT, RETRY or FAILED
 */
public record PublicationAttempted(Instant occurredAt, AuditActor actor, UUID studyId, UUID documentId, UUID replacesId,
		int attempt, String destination, String answer, String result) implements AuditableEvent {

	@Override
	public String action() {
		return "RSW_SENT";
	}

	@Override
	public AuditOutcome outcome() {
		return "SENT".equals(result) ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE;
	}

	@Override
	public String accessChannel() {
		return "API";
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("documentId", documentId.toString());
		if (replacesId != null) {
			details.put("replaces", replacesId.toString());
		}
		details.put("attempt", Integer.toString(attempt));
		details.put("destination", destination);
		details.put("answer", answer);
		details.put("result", result);
		return details;
	}

}
