package org.studygate;

/**
 * The request contradicts what is stored (a username taken, a code in use). Answered with
 * 409.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
