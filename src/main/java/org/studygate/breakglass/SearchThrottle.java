package org.studygate.breakglass;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.studygate.ExpiredBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Throttles the emergency-access search (decision 034) with Bucket4j token buckets kept
 * in PostgreSQL ({@code breakglass.search_throttle}), so that every instance counts
 * alike, on the application's clock. A search that offers nothing takes a token from the
 * user's and the client address's miss buckets; every search takes one from the user's
 * (larger) search bucket. While any of them is empty, every search of that user or from
 * that address is refused, the right ones too: otherwise the refusal itself would tell a
 * right guess from a wrong one.
 */
@Component
class SearchThrottle {

	/** Which limit refused a search; named in the access log. */
	enum Limit {

		USER_MISSES, ADDRESS_MISSES, USER_SEARCHES

	}

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

	private final BucketConfiguration userMisses;

	private final BucketConfiguration addressMisses;

	private final BucketConfiguration userSearches;

	SearchThrottle(DataSource dataSource, Clock clock,
			@Value("${studygate.break-glass.search.user-misses:10}") int userMisses,
			@Value("${studygate.break-glass.search.address-misses:30}") int addressMisses,
			@Value("${studygate.break-glass.search.user-searches:30}") int userSearches,
			@Value("${studygate.break-glass.search.window:PT1H}") Duration window) {
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("breakglass.search_throttle")
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
			.clientClock(new TimeMeter() {

				@Override
				public long currentTimeNanos() {
					java.time.Instant now = clock.instant();
					return now.getEpochSecond() * 1_000_000_000L + now.getNano();
				}

				@Override
				public boolean isWallClockBased() {
					return true;
				}

			})
			.build();
		this.userMisses = perWindow(userMisses, window);
		this.addressMisses = perWindow(addressMisses, window);
		this.userSearches = perWindow(userSearches, window);
	}

	private static BucketConfiguration perWindow(int tokens, Duration window) {
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(tokens).refillGreedy(tokens, window).build())
			.build();
	}

	/**
	 * Takes the user's search token if no limit is reached; otherwise names the limit and
	 * takes nothing.
	 * @param client the client's address, {@code null} when the search does not come from
	 * a request
	 */
	Limit admit(UUID user, String client) {
		if (bucket("user-miss:" + user, userMisses).getAvailableTokens() <= 0) {
			return Limit.USER_MISSES;
		}
		if (client != null && bucket("address-miss:" + client, addressMisses).getAvailableTokens() <= 0) {
			return Limit.ADDRESS_MISSES;
		}
		return bucket("user-search:" + user, userSearches).tryConsume(1) ? null : Limit.USER_SEARCHES;
	}

	/** Counts a search that offered nothing, for the user and for the address. */
	void missed(UUID user, String client) {
		bucket("user-miss:" + user, userMisses).tryConsume(1);
		if (client != null) {
			bucket("address-miss:" + client, addressMisses).tryConsume(1);
		}
	}

	/**
	 * Removes the buckets that have refilled (expired a minute after), in batches; run on
	 * a schedule (docs/decisions/045-access-log-retention.md). @return how many
	 */
	int removeExpired() {
		return ExpiredBuckets.removeAll(buckets);
	}

	private BucketProxy bucket(String key, BucketConfiguration configuration) {
		return buckets.builder().build(key, () -> configuration);
	}

}
