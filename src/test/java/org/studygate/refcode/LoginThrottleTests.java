package org.studygate.refcode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.audit.AuditContext;
import org.studygate.department.Department;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient login's throttle (decision 066): an attempt takes its tokens before it is
 * evaluated, a right one gives them back, a refused one takes nothing, and two instances
 * (two connection pools on the one database) count in the same buckets. Each test uses
 * buckets of its own (a key namespace), so the application's throttle is not touched.
 */
@StudygateTest
class LoginThrottleTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	PatientLogin login;

	@Autowired
	PatientFixtures patients;

	@Autowired
	Fixtures fixtures;

	HikariDataSource otherPool;

	String namespace;

	@BeforeEach
	void secondInstancesPool() {
		HikariDataSource own = (HikariDataSource) dataSource;
		otherPool = new HikariDataSource();
		if (own.getJdbcUrl() != null) {
			otherPool.setJdbcUrl(own.getJdbcUrl());
			otherPool.setUsername(own.getUsername());
			otherPool.setPassword(own.getPassword());
		}
		else {
			// connections of their own, opened from the same database's source
			otherPool.setDataSource(own.getDataSource());
		}
		otherPool.setMaximumPoolSize(2);
		namespace = "test-" + Fixtures.unique() + ":";
	}

	@AfterEach
	void closeIt() {
		otherPool.close();
	}

	private LoginThrottle instance(DataSource pool, int clientFailures, int globalFailures, int shards) {
		return new LoginThrottle(JdbcClient.create(pool), namespace, clientFailures, Duration.ofHours(1),
				globalFailures, Duration.ofHours(1), shards);
	}

	@Test
	void anAddressThrottledOnOneInstanceIsThrottledOnTheOther() {
		LoginThrottle first = instance(dataSource, 3, 1000, 8);
		LoginThrottle second = instance(otherPool, 3, 1000, 8);
		assertThat(first.take("10.70.0.1")).isPresent();
		assertThat(second.take("10.70.0.1")).isPresent();
		assertThat(first.take("10.70.0.1")).isPresent();

		assertThat(second.take("10.70.0.1")).as("the fourth failure, on the other instance").isEmpty();
		assertThat(first.take("10.70.0.1")).isEmpty();
		assertThat(second.take("10.70.0.2")).as("another address").isPresent();
	}

	@Test
	void theGlobalLimitCountsAcrossInstancesAndShards() {
		LoginThrottle first = instance(dataSource, 1000, 8, 4);
		LoginThrottle second = instance(otherPool, 1000, 8, 4);
		int taken = 0;
		for (int i = 0; i < 100; i++) {
			LoginThrottle either = i % 2 == 0 ? first : second;
			if (either.take("10.71.0." + i).isPresent()) {
				taken++;
			}
		}
		// a hundred draws over four shards of two tokens each empty every shard
		assertThat(taken).as("failures let through by both instances together").isEqualTo(8);
		assertThat(second.take("10.71.1.1")).isEmpty();
	}

	@Test
	void aRightAttemptGivesItsTokensBack() {
		LoginThrottle throttle = instance(dataSource, 2, 4, 1);
		for (int i = 0; i < 10; i++) {
			Optional<LoginThrottle.Taken> taken = throttle.take("10.72.0.1");
			assertThat(taken).as("right attempt %s", i).isPresent();
			throttle.refund(taken.get());
		}
		assertThat(throttle.take("10.72.0.1")).isPresent();
		assertThat(throttle.take("10.72.0.1")).isPresent();
		assertThat(throttle.take("10.72.0.1")).as("two failures kept").isEmpty();
	}

	@Test
	void anAttemptRefusedByOneBucketTakesNothingFromTheOther() {
		LoginThrottle throttle = instance(dataSource, 1, 2, 1);
		assertThat(throttle.take("10.73.0.1")).isPresent();
		assertThat(throttle.take("10.73.0.1")).as("the address's bucket is empty").isEmpty();
		assertThat(throttle.take("10.73.0.2")).as("the refusal took no global token").isPresent();
		assertThat(throttle.take("10.73.0.3")).as("the global bucket is empty").isEmpty();
		assertThat(throttle.take("10.73.0.1")).isEmpty();
	}

	@Test
	void aPatientWhoSignsInRightTwentyTimesFromOneAddressIsNeverThrottledButFailuresStillCount() {
		Department department = fixtures.department("Radiology Throttle Refund");
		IssuedCode code = patients.code(patients.study(department, 3));
		String address = "10.74.0.1." + Fixtures.unique();
		try (AuditContext.Binding binding = PatientFixtures.from(address)) {
			for (int i = 0; i < 20; i++) {
				assertThat(login.login(code.code(), PatientFixtures.BIRTH_DATE, null, address)).as("sign-in %s", i)
					.isInstanceOf(LoginResult.Verified.class);
			}
			for (int i = 0; i < 10; i++) {
				assertThat(login.login(code.code(), LocalDate.of(1950, 1, 1).plusDays(i), null, address))
					.isInstanceOf(LoginResult.Failed.class);
				if (i < 9) {
					// a right one in between, so that the code is never blocked
					assertThat(login.login(code.code(), PatientFixtures.BIRTH_DATE, null, address))
						.isInstanceOf(LoginResult.Verified.class);
				}
			}
		}
		// ten failures used the address's ten tokens; the right attempts gave theirs back
		assertThat(login.login(code.code(), PatientFixtures.BIRTH_DATE, null, address))
			.as("throttled even with the right code")
			.isInstanceOf(LoginResult.Failed.class);
		assertThat(patients.state(code.id())).isEqualTo("ACTIVE");
		assertThat(patients.failedLogins(code.id())).isEqualTo(1);
	}

}
