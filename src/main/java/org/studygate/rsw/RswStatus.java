package org.studygate.rsw;

import java.time.Instant;
import java.util.UUID;

/**
 * The RSW status of a study, as the Access tab and {@code GET
 * /api/v1/studies/{id}/access} show it.
 *
 * @param state NOT_SENT, QUEUED, SENT or FAILED
 * @param lastAttemptAt when the last send started, {@code null} before the first
 * @param attempts sends since it was last queued
 * @param lastError why the last send did not succeed, {@code null} when it did
 * @param documentId the document id the network knows the study's manifest by
 * @param publishes whether the study's department publishes to the network now
 */
public record RswStatus(SubmissionState state, Instant lastAttemptAt, int attempts, String lastError, UUID documentId,
		boolean publishes) {

	static final RswStatus NOT_SENT = new RswStatus(SubmissionState.NOT_SENT, null, 0, null, null, false);

	RswStatus publishing(boolean publishes) {
		return new RswStatus(state, lastAttemptAt, attempts, lastError, documentId, publishes);
	}

	/**
	 * Whether "Send" may queue it now: only when the department publishes, and not while
	 * it is queued.
	 */
	public boolean sendable() {
		return publishes && state != SubmissionState.QUEUED;
	}

}
