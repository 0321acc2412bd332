package org.studygate.department;

import java.util.Locale;
import java.util.regex.Pattern;

import org.studygate.InvalidInputException;

/**
 * The short code of a department, e.g. {@code RAD-NORTH}: 2 to 32 capitals, digits, '-'
 * or '_'.
 */
public record DepartmentCode(String value) {

	private static final Pattern FORMAT = Pattern.compile("^[A-Z0-9][A-Z0-9_-]{1,31}$");

	public DepartmentCode {
		value = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
		if (!FORMAT.matcher(value).matches()) {
			throw new InvalidInputException("code", "must be 2 to 32 letters, digits, '-' or '_'");
		}
	}

	@Override
	public String toString() {
		return value;
	}

}
