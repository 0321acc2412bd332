package org.studygate.directory;

import java.util.Objects;
import java.util.UUID;

/** Identifies a staff user. */
public record UserId(UUID value) implements java.io.Serializable {

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
