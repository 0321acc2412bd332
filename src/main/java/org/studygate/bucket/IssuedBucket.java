package org.studygate.bucket;

import java.util.UUID;

/** A new bucket with its code in clear: answered once, never stored so. */
public record IssuedBucket(UUID id, String code, Bucket bucket) {

}
