package org.studygate.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An event that becomes an access log entry (docs/product/02-domain.md). The publisher
 * fills in what happened; the audit module adds the request's channel, client address and
 * user agent, and writes the entry in the publisher's transaction (denials in their own,
 * so that a rollback cannot erase them).
 */
public interface AuditableEvent {

	/** When it happened, from the publisher's clock. */
	Instant occurredAt();

	/** Who did it. */
	AuditActor actor();

	/** What was done, e.g. {@code STUDY_OPENED}; stable names, searched and exported. */
	String action();

	AuditOutcome outcome();

	/** The study concerned, {@code null} when none. */
	default UUID studyId() {
		return null;
	}

	/**
	 * The channel the access came through (EXPLORE, VIEWER, DICOMWEB, API,
	 * PATIENT_PORTAL, BUCKET) when the publisher knows it; {@code null} lets the audit
	 * module take it from the {@link AuditContext}.
	 */
	default String accessChannel() {
		return null;
	}

	/** Free details: format, destination, reason, purpose of use. */
	default Map<String, String> details() {
		return Map.of();
	}

}
