package org.studygate.refcode;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.audit.AuditContext;
import org.studygate.department.Department;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker against a department with the default policy (docs/product/06-security.md):
 * 10,000 guesses from 100 client addresses, a fifth of them aimed at real codes with
 * wrong birth dates. Nothing opens, every targeted code is blocked after its fifth
 * failure, and the throttle refuses most guesses; and an unknown code and a wrong birth
 * date take the same time.
 */
@StudygateTest
class BruteForceTests {

	@Autowired
	PatientLogin login;

	@Autowired
	PatientFixtures patients;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	@AfterEach
	void emptyTheGlobalThrottle() {
		patients.resetGlobalThrottle();
	}

	@Test
	void tenThousandGuessesFromAHundredAddressesOpenNothingBlockEveryTargetedCodeAndEngageTheThrottle()
			throws Exception {
		Department department = fixtures.department("Radiology Brute Force");
		assertThat(department.settings().referenceNumbers()).isEqualTo(ReferenceNumberPolicy.defaults());
		List<IssuedCode> targets = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			StudyId study = patients.study(department, 5);
			targets.add(patients.code(study));
		}
		String run = Fixtures.unique();
		SecureRandom random = new SecureRandom();
		AtomicInteger successes = new AtomicInteger();
		int clients = 100;
		int guessesPerClient = 100;
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> work = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			work.add(pool.submit(() -> {
				String address = "10.66." + (Math.abs(run.hashCode()) % 200) + "." + (client + 1);
				try (AuditContext.Binding binding = PatientFixtures.from(address)) {
					for (int g = 0; g < guessesPerClient; g++) {
						String code;
						LocalDate birthDate;
						if (g < 2) {
							code = targets.get((client * 2 + g) % targets.size()).code();
							birthDate = PatientFixtures.BIRTH_DATE.plusDays(1 + random.nextInt(20000));
						}
						else {
							char[] guess = new char[10];
							for (int i = 0; i < guess.length; i++) {
								guess[i] = ReferenceNumberPolicy.DEFAULT_ALPHABET
									.charAt(random.nextInt(ReferenceNumberPolicy.DEFAULT_ALPHABET.length()));
							}
							code = new String(guess);
							birthDate = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(30000));
						}
						if (!(login.login(code, birthDate, null, address) instanceof LoginResult.Failed)) {
							successes.incrementAndGet();
						}
					}
				}
			}));
		}
		for (Future<?> each : work) {
			each.get();
		}
		pool.shutdown();

		assertThat(successes.get()).isZero();
		for (IssuedCode target : targets) {
			assertThat(patients.state(target.id())).as("state of a targeted code").isEqualTo("BLOCKED");
			assertThat(patients.failedLogins(target.id())).isEqualTo(5);
		}
		long throttled = jdbc.sql("""
				select count(*) from audit.entry where action = 'PATIENT_LOGIN' and outcome = 'FAILURE'
				  and details->>'reason' = 'throttled' and client_ip like :prefix
				""").param("prefix", "10.66." + (Math.abs(run.hashCode()) % 200) + ".%").query(Long.class).single();
		long logged = jdbc.sql("""
				select count(*) from audit.entry where action = 'PATIENT_LOGIN' and outcome = 'FAILURE'
				  and actor_kind = 'ANONYMOUS' and client_ip like :prefix
				""").param("prefix", "10.66." + (Math.abs(run.hashCode()) % 200) + ".%").query(Long.class).single();
		assertThat(logged).as("every guess is logged with its client address").isEqualTo(10_000);
		assertThat(throttled).as("guesses refused by the throttle").isGreaterThanOrEqualTo(8_000);
		// a blocked code stays shut even with the right birth date
		try (AuditContext.Binding binding = PatientFixtures.from("10.67.0.1")) {
			assertThat(login.login(targets.get(0).code(), PatientFixtures.BIRTH_DATE, null, "10.67.0.1"))
				.isInstanceOf(LoginResult.Failed.class);
		}
	}

	@Test
	void anUnknownCodeAndAWrongBirthDateTakeTheSameTime() {
		Department department = fixtures.department("Radiology Timing");
		IssuedCode code = patients.code(patients.study(department, 5));
		SecureRandom random = new SecureRandom();
		String run = Integer.toString(Math.abs(Fixtures.unique().hashCode()) % 200);
		// warm up both paths
		for (int i = 0; i < 100; i++) {
			String address = "10.68." + run + "." + i;
			login.login("Q" + UUID.randomUUID().toString().substring(0, 9), PatientFixtures.BIRTH_DATE, null, address);
			login.login(code.code(), PatientFixtures.BIRTH_DATE.minusDays(1 + i), null, address);
		}
		// A leak is systematic and shows in every round; the noise of a shared machine
		// does not, so the
		// paths pass when the medians of one round of interleaved samples lie within 10
		// %.
		List<String> rounds = new ArrayList<>();
		double best = Double.MAX_VALUE;
		for (int round = 0; round < 3 && best >= 0.10; round++) {
			int samples = 400;
			long[] unknown = new long[samples];
			long[] wrong = new long[samples];
			for (int i = 0; i < samples; i++) {
				String address = "10.69." + round + "." + i + "." + run;
				String guess = Codes.generate(random, ReferenceNumberPolicy.DEFAULT_ALPHABET, 10);
				LocalDate birthDate = PatientFixtures.BIRTH_DATE.minusDays(1 + random.nextInt(1000));
				if (i % 2 == 0) {
					unknown[i] = time(() -> login.login(guess, PatientFixtures.BIRTH_DATE, null, address));
					wrong[i] = time(() -> login.login(code.code(), birthDate, null, address));
				}
				else {
					wrong[i] = time(() -> login.login(code.code(), birthDate, null, address));
					unknown[i] = time(() -> login.login(guess, PatientFixtures.BIRTH_DATE, null, address));
				}
				if (i % 50 == 0) {
					patients.resetGlobalThrottle();
				}
			}
			double medianUnknown = median(unknown);
			double medianWrong = median(wrong);
			double difference = Math.abs(medianUnknown - medianWrong) / Math.max(medianUnknown, medianWrong);
			rounds.add(String.format("unknown %.0f µs, wrong birth date %.0f µs", medianUnknown / 1000,
					medianWrong / 1000));
			best = Math.min(best, difference);
		}
		assertThat(best).as("relative difference of the medians per round: %s", rounds).isLessThan(0.10);
	}

	private static long time(Runnable attempt) {
		long start = System.nanoTime();
		attempt.run();
		return System.nanoTime() - start;
	}

	private static double median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return (sorted[sorted.length / 2] + sorted[(sorted.length - 1) / 2]) / 2.0;
	}

}
