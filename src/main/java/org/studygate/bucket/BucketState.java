package org.studygate.bucket;

/**
 * A bucket's state (docs/product/02-domain.md): ACTIVE, BLOCKED (its code blocked by
 * failed attempts, shown; or the bucket itself blocked with a reason, stored, e.g. for
 * holding several patients under one birth-date code, decision 031), REVOKED (its access
 * revoked by the cross of the Access tab: the code opens nothing until the admin takes
 * the study out, which gives the bucket back to its other studies, decision 062) or
 * DELETED (the full bucket removed: every study's link ended, the code dead). EXPIRED is
 * shown, never stored: an ACTIVE bucket whose validity has ended, which its code no
 * longer opens.
 */
public enum BucketState {

	ACTIVE, BLOCKED, REVOKED, DELETED, EXPIRED

}
