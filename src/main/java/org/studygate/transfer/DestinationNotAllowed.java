package org.studygate.transfer;

import org.studygate.InvalidInputException;

/**
 * A user's own destination whose host the allow-list does not let be reached (decision
 * 033): a 400 naming the field ({@code host}, {@code url} or {@code destinationId}); the
 * refusal is logged.
 */
public class DestinationNotAllowed extends InvalidInputException {

	public DestinationNotAllowed(String field, String message) {
		super(field, message);
	}

}
