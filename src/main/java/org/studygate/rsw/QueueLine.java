package org.studygate.rsw;

import java.time.Instant;
import java.util.UUID;

/** One study of a department's RSW queue page. */
public record QueueLine(UUID studyId, String accessionNumber, String patientName, String description,
		SubmissionState state, int attempts, Instant lastAttemptAt, Instant nextAttemptAt, String lastError,
		UUID documentId, String requestedBy) {

}
