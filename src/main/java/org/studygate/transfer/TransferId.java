package org.studygate.transfer;

import java.util.Objects;
import java.util.UUID;

import org.studygate.Identifier;

/** Identifies a transfer: one forward or download job. */
public record TransferId(UUID value) implements Identifier {

	public TransferId {
		Objects.requireNonNull(value, "value");
	}

	public static TransferId random() {
		return new TransferId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
