package org.studygate.directory;

import java.util.Objects;
import java.util.UUID;

/** Identifies a group of users. */
public record GroupId(UUID value) {

	public GroupId {
		Objects.requireNonNull(value, "value");
	}

	public static GroupId random() {
		return new GroupId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
