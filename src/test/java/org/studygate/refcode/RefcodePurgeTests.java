package org.studygate.refcode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.department.Department;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient login's work rows are purged once past their use: expired one-time
 * passwords, failed-login rows older than their retention and refilled throttle buckets
 * go; live ones stay.
 */
@StudygateTest
class RefcodePurgeTests {

	@Autowired
	RefcodePurge purge;

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	JdbcClient jdbc;

	private UUID codeWithOtp(Department department, Instant expiresAt) {
		UUID id = patients.code(patients.study(department, 1)).id();
		jdbc.sql("""
				insert into refcode.otp (reference_number_id, hash, created_at, expires_at)
				values (:id, '\\x01', :created, :expires)
				""")
			.param("id", id)
			.param("created", Timestamp.from(expiresAt.minus(Duration.ofMinutes(10))))
			.param("expires", Timestamp.from(expiresAt))
			.update();
		return id;
	}

	private long failure(Instant at) {
		return jdbc.sql("insert into refcode.login_failure (at) values (:at) returning id")
			.param("at", Timestamp.from(at))
			.query(Long.class)
			.single();
	}

	private long count(String sql, Object value) {
		return jdbc.sql(sql).param("value", value).query(Long.class).single();
	}

	@Test
	void expiredOtpsOldFailuresAndRefilledBucketsGoLiveOnesStay() {
		Department department = fixtures.department("Radiology Purge");
		UUID expired = codeWithOtp(department, Instant.now().minus(Duration.ofMinutes(5)));
		UUID valid = codeWithOtp(department, Instant.now().plus(Duration.ofMinutes(5)));
		long oldFailure = failure(Instant.now().minus(Duration.ofDays(31)));
		long recentFailure = failure(Instant.now().minus(Duration.ofDays(1)));
		// a client's bucket untouched for an hour is full again; one emptied just now is
		// not
		String oldBucket = "client:purge-test-old-" + UUID.randomUUID();
		String liveBucket = "client:purge-test-live-" + UUID.randomUUID();
		jdbc.sql("""
				insert into refcode.login_bucket (key, tokens, updated_at)
				values (:old, 0, now() - interval '1 hour'), (:live, 0, now())
				""").param("old", oldBucket).param("live", liveBucket).update();

		assertThat(purge.purge()).isGreaterThanOrEqualTo(3);

		assertThat(count("select count(*) from refcode.otp where reference_number_id = :value", expired)).isZero();
		assertThat(count("select count(*) from refcode.otp where reference_number_id = :value", valid)).isEqualTo(1);
		assertThat(count("select count(*) from refcode.login_failure where id = :value", oldFailure)).isZero();
		assertThat(count("select count(*) from refcode.login_failure where id = :value", recentFailure)).isEqualTo(1);
		assertThat(count("select count(*) from refcode.login_bucket where key = :value", oldBucket)).isZero();
		assertThat(count("select count(*) from refcode.login_bucket where key = :value", liveBucket)).isEqualTo(1);
		assertThat(count("select count(*) from refcode.reference_number where id = :value", expired))
			.as("the code itself stays")
			.isEqualTo(1);
	}

}
