package org.studygate;

/**
 * A request that names something invalid. Answered with 400 and a ProblemDetail naming
 * the field; nothing has been changed when it is thrown.
 */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The name of the offending field as the client sent it. */
	public String field() {
		return field;
	}

}
