package org.studygate.transfer;

import java.util.Objects;
import java.util.UUID;

import org.studygate.Identifier;

/** Identifies a destination a study can be forwarded to. */
public record DestinationId(UUID value) implements Identifier {

	public DestinationId {
		Objects.requireNonNull(value, "value");
	}

	public static DestinationId random() {
		return new DestinationId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
