package org.studygate.breakglass;

import java.util.Optional;
import java.util.UUID;

import org.studygate.Identifier;

/** The identifier of an unlock. */
public record UnlockId(UUID value) implements Identifier {

	public UnlockId {
		java.util.Objects.requireNonNull(value, "value");
	}

	public static UnlockId random() {
		return new UnlockId(UUID.randomUUID());
	}

	/** The identifier a client named; a malformed one is simply not found. */
	public static Optional<UnlockId> parse(String value) {
		try {
			return Optional.of(new UnlockId(UUID.fromString(value)));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return Optional.empty();
		}
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
