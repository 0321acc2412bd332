package org.studygate.department;

import java.util.Objects;
import java.util.UUID;

import org.studygate.Identifier;

/** Identifies a department. */
public record DepartmentId(UUID value) implements Identifier {

	public DepartmentId {
		Objects.requireNonNull(value, "value");
	}

	public static DepartmentId random() {
		return new DepartmentId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
