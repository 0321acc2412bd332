package org.studygate.bucket.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.study.StudyId;

/**
 * Reading the fields of the bucket forms and bodies shared by the bucket controllers;
 * identifiers of Studygate's own things in a path are typed parameters instead.
 */
final class Params {

	private Params() {
	}

	/**
	 * A reference number's id in the blocked page's address; malformed, it is simply not
	 * found.
	 */
	static UUID codeId(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new NotFoundException("reference number");
		}
	}

	static List<StudyId> studies(List<String> ids) {
		return ids == null ? List.of() : ids.stream()
			.map(id -> StudyId.parse(id).orElseThrow(() -> new InvalidInputException("studyIds", "unknown study")))
			.toList();
	}

	static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "must be a date (YYYY-MM-DD)");
		}
	}

	static <E extends Enum<E>> E named(Class<E> type, String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "is not one of the choices");
		}
	}

}
