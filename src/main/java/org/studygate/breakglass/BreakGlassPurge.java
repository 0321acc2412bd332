package org.studygate.breakglass;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the emergency search's work tables small
 * (docs/decisions/045-access-log-retention.md): the throttle's buckets that have
 * refilled, and misses older than a day (a user's misses are only counted within a day,
 * and are otherwise forgotten only when he misses again). Each instance may run it; the
 * deletes are idempotent.
 */
@Component
class BreakGlassPurge {

	/** How long a search miss counts (as in {@link UnlockStore#recordMiss}). */
	static final Duration MISS_MEMORY = Duration.ofDays(1);

	private static final Logger log = LoggerFactory.getLogger(BreakGlassPurge.class);

	private final SearchThrottle throttle;

	private final JdbcClient jdbc;

	private final Clock clock;

	BreakGlassPurge(SearchThrottle throttle, JdbcClient jdbc, Clock clock) {
		this.throttle = throttle;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(cron = "${studygate.purge.cron:0 23 * * * *}", zone = "UTC")
	void purgeScheduled() {
		try {
			purge();
		}
		catch (RuntimeException ex) {
			log.warn("Purging the emergency search's old rows failed; it is tried again later", ex);
		}
	}

	/**
	 * @return how many rows were removed
	 */
	int purge() {
		int misses = jdbc.sql("delete from breakglass.search_miss where searched_at < :before")
			.param("before", Timestamp.from(clock.instant().minus(MISS_MEMORY)))
			.update();
		return misses + throttle.removeExpired();
	}

}
