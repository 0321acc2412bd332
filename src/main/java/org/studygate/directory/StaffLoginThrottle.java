package org.studygate.directory;

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
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Throttles failed staff logins per client address (decision 028, NIST SP 800-63B
 * §5.2.2), with Bucket4j token buckets kept in PostgreSQL
 * ({@code directory.login_throttle}) so that every instance counts alike, as the patient
 * login does. A failure takes a token; while the address's bucket is empty its attempts
 * are refused without being checked. Successes take nothing. There is no global bucket:
 * one would let a stranger shut every staff member out at once; guessing spread over many
 * addresses meets the per-account lock instead. A bucket that has refilled expires, and
 * expired rows are removed hourly, so that the table does not keep every address that
 * ever logged in.
 */
@Component
class StaffLoginThrottle {

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

	private final BucketConfiguration perClient;

	StaffLoginThrottle(DataSource dataSource, @Value("${studygate.staff-login.client-failures:20}") int clientFailures,
			@Value("${studygate.staff-login.client-window:PT10M}") Duration clientWindow) {
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("directory.login_throttle")
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
			.build();
		this.perClient = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(clientFailures).refillGreedy(clientFailures, clientWindow).build())
			.build();
	}

	/** Whether attempts from this address are refused now. */
	boolean throttled(String client) {
		return bucket(client).getAvailableTokens() <= 0;
	}

	/** Counts a failure of this address. */
	void failed(String client) {
		bucket(client).tryConsume(1);
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT7M")
	void removeExpired() {
		ExpiredBuckets.removeAll(buckets);
	}

	private BucketProxy bucket(String client) {
		return buckets.builder().build("client:" + (client == null ? "unknown" : client), () -> perClient);
	}

}
