package org.studygate.refcode;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the patient login's work tables small
 * (docs/decisions/045-access-log-retention.md): the throttle's buckets that have
 * refilled, one-time passwords past their expiry (a used one is deleted when used; an
 * expired one can never be used), and the failed-login rows older than their retention.
 * Each instance may run it; the deletes are idempotent.
 */
@Component
class RefcodePurge {

	private static final Logger log = LoggerFactory.getLogger(RefcodePurge.class);

	private final LoginThrottle throttle;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration failureRetention;

	RefcodePurge(LoginThrottle throttle, JdbcClient jdbc, Clock clock,
			@Value("${studygate.patient-login.failure-retention:P30D}") Duration failureRetention) {
		this.throttle = throttle;
		this.jdbc = jdbc;
		this.clock = clock;
		this.failureRetention = failureRetention;
	}

	@Scheduled(cron = "${studygate.purge.cron:0 23 * * * *}", zone = "UTC")
	void purgeScheduled() {
		try {
			purge();
		}
		catch (RuntimeException ex) {
			log.warn("Purging the patient login's old rows failed; it is tried again later", ex);
		}
	}

	/**
	 * @return how many rows were removed
	 */
	int purge() {
		int otps = jdbc.sql("delete from refcode.otp where expires_at < :now")
			.param("now", Timestamp.from(clock.instant()))
			.update();
		int failures = jdbc.sql("delete from refcode.login_failure where at < :before")
			.param("before", Timestamp.from(clock.instant().minus(failureRetention)))
			.update();
		return otps + failures + throttle.removeExpired();
	}

}
