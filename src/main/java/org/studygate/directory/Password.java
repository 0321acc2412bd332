package org.studygate.directory;

import org.studygate.InvalidInputException;

/**
 * A new password in clear, checked against the staff password rule: at least 8 characters
 * with a letter and a digit (docs/product/05-workflows.md#staff-login).
 */
public record Password(String clear) {

	public static final int MINIMUM_LENGTH = 8;

	public Password {
		if (!isAcceptable(clear)) {
			throw new InvalidInputException("password",
					"must have at least " + MINIMUM_LENGTH + " characters with a letter and a digit");
		}
	}

	public static boolean isAcceptable(String clear) {
		return clear != null && clear.length() >= MINIMUM_LENGTH && clear.length() <= 200
				&& clear.chars().anyMatch(Character::isLetter) && clear.chars().anyMatch(Character::isDigit);
	}

	@Override
	public String toString() {
		return "Password[****]";
	}

}
