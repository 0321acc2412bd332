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

	/**
	 * Whether a failure or denial is written in the publisher's read-write transaction,
	 * like a success, rather than in a transaction of its own: for a publisher that
	 * commits the failure's own writes with its entry, so that neither is kept without
	 * the other (a refused sign-in and its count, decision 075). Without such a
	 * transaction the entry is written in its own, as any failure's.
	 */
	default boolean failureCommittedByPublisher() {
		return false;
	}

}
