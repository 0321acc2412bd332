package org.studygate.access;

import java.util.Optional;
import java.util.UUID;

import org.studygate.Identifier;

/** The identifier of a grant. */
public record GrantId(UUID value) implements Identifier {

	public GrantId {
		java.util.Objects.requireNonNull(value, "value");
	}

	public static GrantId random() {
		return new GrantId(UUID.randomUUID());
	}

	/**
	 * The id in a URL; empty when it is not a UUID, so that a bad id is simply not found.
	 */
	public static Optional<GrantId> parse(String text) {
		try {
			return Optional.of(new GrantId(UUID.fromString(text)));
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
