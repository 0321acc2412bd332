package org.studygate.directory;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Identifies a staff user. Serializable because a page session (stored in PostgreSQL) holds it. */
public record UserId(UUID value) implements Serializable {

	public UserId {
		Objects.requireNonNull(value, "value");
	}

	public static UserId random() {
		return new UserId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
