package org.studygate.access.web;

import java.util.UUID;

import org.studygate.InvalidInputException;

/**
 * Reading the fields of a request body or form: a malformed value is a 400 naming the
 * field. Identifiers in a path or a query are typed parameters instead, read by the one
 * converter.
 */
final class Fields {

	private Fields() {
	}

	static UUID uuid(String field, String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidInputException(field, "must be an id");
		}
	}

	static <E extends Enum<E>> E named(Class<E> type, String field, String name) {
		try {
			return Enum.valueOf(type, name);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidInputException(field,
					"must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
		}
	}

}
