package org.studygate.directory;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.studygate.Identifier;

/**
 * Identifies a staff user. Serializable because a page session (stored in PostgreSQL)
 * holds it.
 */
public record UserId(UUID value) implements Serializable, Identifier {

	public UserId {
		Objects.requireNonNull(value, "value");
	}

	public static UserId random() {
		return new UserId(UUID.randomUUID());
	}

	/** The identifier a client wrote, empty when it is not one. */
	public static Optional<UserId> parse(String value) {
		try {
			return value == null ? Optional.empty() : Optional.of(new UserId(UUID.fromString(value.strip())));
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
