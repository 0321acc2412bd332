package org.studygate.bucket;

/**
 * A bucket's state (SPEC §2): ACTIVE, BLOCKED (its code blocked by failed attempts), REVOKED (the
 * full bucket removed: every study detached, the code dead) or DELETED.
 */
public enum BucketState {

	ACTIVE, BLOCKED, REVOKED, DELETED

}
