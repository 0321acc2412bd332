package org.studygate.study;

import java.util.Objects;
import java.util.UUID;

import org.studygate.Identifier;

/** Identifies a study inside Studygate (not its DICOM Study Instance UID). */
public record StudyId(UUID value) implements Identifier {

	public StudyId {
		Objects.requireNonNull(value, "value");
	}

	public static StudyId random() {
		return new StudyId(UUID.randomUUID());
	}

	/** Parses an identifier from a URL; anything malformed is simply not found. */
	public static java.util.Optional<StudyId> parse(String text) {
		try {
			return java.util.Optional.of(new StudyId(UUID.fromString(text)));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return java.util.Optional.empty();
		}
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
