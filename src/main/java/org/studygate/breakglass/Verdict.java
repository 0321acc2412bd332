package org.studygate.breakglass;

import java.util.Locale;

import org.studygate.InvalidInputException;

/** A source admin's finding on an unlock he reviewed. */
public enum Verdict {

	JUSTIFIED, MISUSE;

	public static Verdict parse(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("verdict", "is required (JUSTIFIED or MISUSE)");
		}
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("verdict", "must be JUSTIFIED or MISUSE");
		}
	}

}
