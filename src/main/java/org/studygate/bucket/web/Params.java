package org.studygate.bucket.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.study.StudyId;

/** Parsing of identifiers and fields shared by the bucket controllers. */
final class Params {

	private Params() {
	}

	static StudyId study(String id) {
		return StudyId.parse(id).orElseThrow(() -> new NotFoundException("study"));
	}

	static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new NotFoundException("bucket");
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
