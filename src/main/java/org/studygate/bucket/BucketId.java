package org.studygate.bucket;

import java.util.Objects;
import java.util.UUID;

import org.studygate.Identifier;

/**
 * Identifies a bucket (a printed reference number or a share code over several studies).
 */
public record BucketId(UUID value) implements Identifier {

	public BucketId {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
