package org.studygate.archive;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An actor searched studies through the DICOMweb gateway (QIDO-RS {@code /studies}): one
 * entry per query, not per study found, like a listing of the explore page.
 *
 * @param query the query's parameters as the caller gave them, abbreviated
 * @param count how many studies the answer held
 */
public record StudiesQueried(Instant occurredAt, AuditActor actor, String query, int count) implements AuditableEvent {

	@Override
	public String action() {
		return "STUDIES_QUERIED";
	}

	@Override
	public String accessChannel() {
		return "DICOMWEB";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("query", query);
		details.put("count", Integer.toString(count));
		return details;
	}

}
