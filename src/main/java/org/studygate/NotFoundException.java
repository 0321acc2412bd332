package org.studygate;

/**
 * Nothing the caller may see has this identifier. Thrown alike for what does not exist
 * and for what the caller may not see, so that identifiers cannot be probed. Answered
 * with 404.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what + " not found");
	}

}
