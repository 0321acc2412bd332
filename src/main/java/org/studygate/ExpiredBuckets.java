package org.studygate;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;

/**
 * Removes the token buckets of a throttle kept in PostgreSQL that have refilled and
 * expired, in batches, so that the throttles' tables stay small
 * (docs/decisions/045-access-log-retention.md).
 */
public final class ExpiredBuckets {

	private static final int BATCH = 1000;

	private ExpiredBuckets() {
	}

	/** Removes every expired bucket; how many. */
	public static int removeAll(ExpiredEntriesCleaner buckets) {
		int removed = 0;
		int batch;
		do {
			batch = buckets.removeExpired(BATCH);
			removed += batch;
		}
		while (batch >= BATCH);
		return removed;
	}

}
