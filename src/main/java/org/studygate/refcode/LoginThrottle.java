package org.studygate.refcode;

import java.time.Duration;

import javax.sql.DataSource;

import org.studygate.ExpiredBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Throttles failed code logins (docs/product/05-workflows.md) per client address and
 * globally, with Bucket4j token buckets kept in PostgreSQL
 * ({@code refcode.login_throttle}) so that every instance counts alike (decision 015). A
 * failure takes a token from both buckets; while either is empty, attempts are refused
 * without being checked. Successful logins take nothing, so a throttled attacker does not
 * lock honest patients out for longer than the refill.
 */
@Component
class LoginThrottle {

	static final String GLOBAL = "global";

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

	private final BucketConfiguration perClient;

	private final BucketConfiguration global;

	LoginThrottle(DataSource dataSource, @Value("${studygate.patient-login.client-failures:10}") int clientFailures,
			@Value("${studygate.patient-login.client-window:PT10M}") Duration clientWindow,
			@Value("${studygate.patient-login.global-failures:1000}") int globalFailures,
			@Value("${studygate.patient-login.global-window:PT1M}") Duration globalWindow) {
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("refcode.login_throttle")
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
			.build();
		this.perClient = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(clientFailures).refillGreedy(clientFailures, clientWindow).build())
			.build();
		this.global = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(globalFailures).refillGreedy(globalFailures, globalWindow).build())
			.build();
	}

	/** Whether attempts from this address are refused now. */
	boolean throttled(String client) {
		return bucket(client).getAvailableTokens() <= 0 || globalBucket().getAvailableTokens() <= 0;
	}

	/** Counts a failure of this address, and of everybody. */
	void failed(String client) {
		bucket(client).tryConsume(1);
		globalBucket().tryConsume(1);
	}

	/**
	 * Removes the buckets that have refilled (expired a minute after), in batches; run on
	 * a schedule (docs/decisions/045-access-log-retention.md). @return how many
	 */
	int removeExpired() {
		return ExpiredBuckets.removeAll(buckets);
	}

	private BucketProxy bucket(String client) {
		return buckets.builder().build("client:" + (client == null ? "unknown" : client), () -> perClient);
	}

	private BucketProxy globalBucket() {
		return buckets.builder().build(GLOBAL, () -> global);
	}

}
