package org.studygate.refcode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.SqlStatements;
import org.studygate.StudygateTest;
import org.studygate.audit.AuditContext;
import org.studygate.department.Department;
import org.studygate.department.Departments;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient login's statements, counted from the JDBC driver's trace on the test's own
 * thread (decision 081): the throttle's take, the code, its department and its terms are
 * one statement; a right code and birth date then send the refund, the arrived studies
 * and the log entry; a refusal its count and its log entry in one transaction. An unknown
 * code and a wrong birth date send the same statements, and each refusal is logged.
 */
@StudygateTest
class PatientLoginStatementsTests {

	/** Take with the code, its department and terms; refund; studies; log entry. */
	static final long SUCCESS = 4;

	/**
	 * Take with the code, its department and terms; the refusal's transaction: its count,
	 * its log entry and the commit, as the driver sends them.
	 */
	static final long REFUSAL = 5;

	@Autowired
	PatientLogin login;

	@Autowired
	PatientFixtures patients;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	ReferenceNumberStore store;

	@Autowired
	Departments departments;

	@Autowired
	CodeIssuers issuers;

	@Autowired
	CodeSecrets secrets;

	@Test
	void aSignInAndARefusalSendAFixedNumberOfStatementsAndEveryRefusalIsLogged() {
		Department department = fixtures.department("Radiology Login Statements");
		IssuedCode code = patients.code(patients.study(department, 3));
		String address = "10.81.0.1." + Fixtures.unique();
		try (AuditContext.Binding binding = PatientFixtures.from(address)) {
			// warm: the decoy's department is found once per instance
			login.login("Q" + UUID.randomUUID().toString().substring(0, 9), PatientFixtures.BIRTH_DATE, null, address);
			long right = statements(
					() -> assertThat(login.login(code.code(), PatientFixtures.BIRTH_DATE, null, address))
						.isInstanceOf(LoginResult.Verified.class));
			long unknown = statements(() -> assertThat(login.login("Q" + UUID.randomUUID().toString().substring(0, 9),
					PatientFixtures.BIRTH_DATE, null, address))
				.isInstanceOf(LoginResult.Failed.class));
			long wrongBirthDate = statements(
					() -> assertThat(login.login(code.code(), LocalDate.of(1951, 2, 3), null, address))
						.isInstanceOf(LoginResult.Failed.class));

			assertThat(right).as("statements of a right code and birth date").isEqualTo(SUCCESS);
			assertThat(unknown).as("statements of an unknown code").isEqualTo(REFUSAL);
			assertThat(wrongBirthDate).as("statements of a wrong birth date, as of an unknown code").isEqualTo(unknown);
		}
		assertThat(patients.failedLogins(code.id())).isEqualTo(1);
		assertThat(jdbc.sql("""
				select details->>'reason' from audit.entry where action = 'PATIENT_LOGIN' and client_ip = :ip
				  and outcome = 'FAILURE' order by id
				""").param("ip", address).query(String.class).list()).containsExactly("unknown code", "unknown code",
				"wrong birth date");
	}

	@Test
	void aLookupThrottledByTheOtherInstancesFailuresReadsNothingAndTakesNothing() {
		Department department = fixtures.department("Radiology Login Lookup");
		IssuedCode code = patients.code(patients.study(department, 3));
		byte[] hash = secrets.hash("code", Codes.normalize(code.code()));
		String namespace = "test-" + Fixtures.unique() + ":";
		UUID decoyDepartment = department.id().value();
		try (HikariDataSource otherPool = otherPool()) {
			LoginThrottle here = new LoginThrottle(JdbcClient.create(dataSource), namespace, 3, Duration.ofHours(1),
					1000, Duration.ofHours(1), 8);
			LoginThrottle there = new LoginThrottle(JdbcClient.create(otherPool), namespace, 3, Duration.ofHours(1),
					1000, Duration.ofHours(1), 8);
			CodeLookup lookup = new CodeLookup(JdbcClient.create(dataSource), here, store, departments, issuers);
			for (int i = 0; i < 3; i++) {
				assertThat(there.take("10.82.0.1")).as("failure %s on the other instance", i).isPresent();
			}
			CodeLookup.Found refused = lookup.takeAndFind("10.82.0.1", hash, UUID.randomUUID(), decoyDepartment);
			assertThat(refused.taken()).as("throttled by the other instance's count").isEmpty();
			assertThat(refused.code()).as("a throttled attempt reads no code").isEmpty();
			assertThat(refused.department()).as("nor a department").isEmpty();

			CodeLookup.Found found = lookup.takeAndFind("10.82.0.2", hash, UUID.randomUUID(), decoyDepartment);
			assertThat(found.taken()).isPresent();
			assertThat(found.code().map(ReferenceNumberStore.Row::id)).contains(code.id());
			assertThat(found.department().map(d -> d.id())).contains(department.id());
			assertThat(found.termsRead()).isTrue();
			assertThat(found.terms()).as("a study's own code has no issuer's terms").isEqualTo(Optional.empty());
			assertThat(there.take("10.82.0.2")).as("the lookup's token counts on the other instance").isPresent();
			assertThat(there.take("10.82.0.2")).isPresent();
			assertThat(there.take("10.82.0.2")).as("the third token was the lookup's").isEmpty();
		}
	}

	private HikariDataSource otherPool() {
		HikariDataSource own = (HikariDataSource) dataSource;
		HikariDataSource other = new HikariDataSource();
		if (own.getJdbcUrl() != null) {
			other.setJdbcUrl(own.getJdbcUrl());
			other.setUsername(own.getUsername());
			other.setPassword(own.getPassword());
		}
		else {
			other.setDataSource(own.getDataSource());
		}
		other.setMaximumPoolSize(2);
		return other;
	}

	private static long statements(Runnable attempt) {
		try (SqlStatements counted = SqlStatements.onThisThread()) {
			attempt.run();
			return counted.count();
		}
	}

}
