package org.studygate.directory;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.studygate.Identifier;

/** Identifies a group of users. */
public record GroupId(UUID value) implements Identifier {

	public GroupId {
		Objects.requireNonNull(value, "value");
	}

	public static GroupId random() {
		return new GroupId(UUID.randomUUID());
	}

	/** The identifier a client wrote, empty when it is not one. */
	public static Optional<GroupId> parse(String value) {
		try {
			return value == null ? Optional.empty() : Optional.of(new GroupId(UUID.fromString(value.strip())));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
