package org.studygate.breakglass;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.studygate.StudygateTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emergency search's work rows are purged once past their use: misses older than a
 * day and throttle buckets that have refilled go, recent ones stay; the throttle writes
 * an expiry on every bucket it keeps.
 */
@StudygateTest
class BreakGlassPurgeTests {

	@Autowired
	BreakGlassPurge purge;

	@Autowired
	SearchThrottle throttle;

	@Autowired
	JdbcClient jdbc;

	private void miss(UUID user, Instant at) {
		jdbc.sql("insert into breakglass.search_miss (user_id, searched_at, patient_id) values (:user, :at, 'P1')")
			.param("user", user)
			.param("at", Timestamp.from(at))
			.update();
	}

	private void bucket(String id, long expiresAtMillis) {
		jdbc.sql("insert into breakglass.search_throttle (id, state, expires_at) values (:id, null, :expires)")
			.param("id", id)
			.param("expires", expiresAtMillis)
			.update();
	}

	private long count(String sql, Object value) {
		return jdbc.sql(sql).param("value", value).query(Long.class).single();
	}

	@Test
	void oldMissesAndRefilledBucketsGoRecentOnesStay() {
		UUID old = UUID.randomUUID();
		UUID recent = UUID.randomUUID();
		miss(old, Instant.now().minus(Duration.ofDays(2)));
		miss(recent, Instant.now().minus(Duration.ofHours(1)));
		String expired = "purge-test-old:" + UUID.randomUUID();
		String live = "purge-test-live:" + UUID.randomUUID();
		bucket(expired, Instant.now().minus(Duration.ofHours(1)).toEpochMilli());
		bucket(live, Instant.now().plus(Duration.ofHours(1)).toEpochMilli());

		assertThat(purge.purge()).isGreaterThanOrEqualTo(2);

		assertThat(count("select count(*) from breakglass.search_miss where user_id = :value", old)).isZero();
		assertThat(count("select count(*) from breakglass.search_miss where user_id = :value", recent)).isEqualTo(1);
		assertThat(count("select count(*) from breakglass.search_throttle where id = :value", expired)).isZero();
		assertThat(count("select count(*) from breakglass.search_throttle where id = :value", live)).isEqualTo(1);
	}

	@Test
	void everyBucketTheThrottleKeepsHasAnExpiry() {
		UUID user = UUID.randomUUID();
		assertThat(throttle.admit(user, "192.0.2.45")).isNull();

		assertThat(count("select count(*) from breakglass.search_throttle where id = :value and expires_at is not null",
				"user-search:" + user))
			.isEqualTo(1);
	}

}
