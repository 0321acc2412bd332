package org.studygate.directory;

import java.util.Objects;
import java.util.UUID;

import org.studygate.Identifier;

/** The non-secret identifier of an API token, by which its owner lists and revokes it. */
public record TokenId(UUID value) implements Identifier {

	public TokenId {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
