package org.studygate.ris;

import java.time.Instant;
import java.util.UUID;

/**
 * A received message as the message desk lists it: no patient data, only the header, the
 * outcome and its reason.
 */
public record MessageLine(UUID id, Instant receivedAt, String sendingFacility, String controlId, String messageType,
		MessageOutcome outcome, String reason, int attempts, int duplicates) {

}
