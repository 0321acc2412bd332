package org.studygate.refcode;

import java.util.Objects;
import java.util.UUID;

import org.studygate.Identifier;

/**
 * The identifier of a reference number, or of a code another module issued through
 * {@link BucketCodes}; never the code itself.
 */
public record ReferenceNumberId(UUID value) implements Identifier {

	public ReferenceNumberId {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
