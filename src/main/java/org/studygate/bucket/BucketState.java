package org.studygate.bucket;

/**
 * A bucket's state (docs/product/02-domain.md): ACTIVE, BLOCKED (its code blocked by
 * failed attempts, shown; or the bucket itself blocked with a reason, stored, e.g. for
 * holding several patients under one birth-date code, decision 031), REVOKED (the full
 * bucket removed: every study detached, the code dead) or DELETED. EXPIRED is shown,
 * never stored: an ACTIVE bucket whose validity has ended, which its code no longer
 * opens.
 */
public enum BucketState {

	ACTIVE, BLOCKED, REVOKED, DELETED, EXPIRED

}
