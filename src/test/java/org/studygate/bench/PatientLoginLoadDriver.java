package org.studygate.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.studygate.Fixtures;
import org.studygate.StudygateApplication;
import org.studygate.department.Department;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.PatientFixtures;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures patient logins per second ({@code POST /patient/api/login}, birth-date-only
 * department) with N concurrent clients: successful logins (each opens a session in
 * PostgreSQL) and failed ones (unknown codes: hash, lookup, decoy decryption, failure
 * count, throttle buckets, access log entry). The throttle's limits are raised for the
 * run so that failures are measured, not refused.
 *
 * <p>
 * Settings (system properties): {@code bench.clients} (8), {@code bench.codes} (500),
 * {@code bench.logins} per scenario (4000), {@code bench.dataDir}, {@code bench.out},
 * {@code bench.port} (0: a free one).
 */
public final class PatientLoginLoadDriver {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private PatientLoginLoadDriver() {
	}

	record Result(String scenario, int logins, int unexpected, double p50, double p95, double perSecond) {

	}

	public static void main(String[] args) throws Exception {
		int clients = Integer.getInteger("bench.clients", 8);
		int codes = Integer.getInteger("bench.codes", 500);
		int logins = Integer.getInteger("bench.logins", 4000);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StudygateApplication.class).run(
				"--server.port=" + System.getProperty("bench.port", "0"),
				"--studygate.data-dir=" + System.getProperty("bench.dataDir", "target/bench-patient"),
				"--studygate.demo=false", "--studygate.admin-password=Bench-admin-1",
				"--studygate.patient-login.client-failures=1000000000",
				"--studygate.patient-login.global-failures=1000000000", "--logging.level.org.studygate=WARN");
		int exit = 0;
		try {
			String url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
			Fixtures fixtures = context.getBean(Fixtures.class);
			PatientFixtures patients = context.getBean(PatientFixtures.class);
			Department department = fixtures.department("Radiology Bench Patients");
			List<String> issued = new ArrayList<>();
			for (int i = 0; i < codes; i++) {
				IssuedCode code = patients.code(patients.study(department, 5));
				issued.add(code.code());
			}
			SecureRandom random = new SecureRandom();
			List<Result> results = new ArrayList<>();
			for (int round = 0; round < 2; round++) {
				boolean measured = round == 1;
				Result ok = run(url, "successful", clients, measured ? logins : logins / 4,
						i -> body(issued.get(i % issued.size()), PatientFixtures.BIRTH_DATE.toString()), 200);
				Result failed = run(url, "failed (unknown code)", clients, measured ? logins : logins / 4,
						i -> body(ReferenceNumberPolicyCodes.random(random), PatientFixtures.BIRTH_DATE.toString()),
						401);
				if (measured) {
					results.add(ok);
					results.add(failed);
				}
			}
			StringBuilder out = new StringBuilder(
					"| scenario | logins | unexpected answers | p50 ms | p95 ms | logins/s |\n|---|---|---|---|---|---|\n");
			for (Result r : results) {
				out.append(String.format("| %s | %d | %d | %.1f | %.1f | %.0f |%n", r.scenario(), r.logins(),
						r.unexpected(), r.p50(), r.p95(), r.perSecond()));
			}
			out.append(String.format("%n%d clients, %d codes, %d processors, load average at the end %.2f%n", clients,
					codes, Runtime.getRuntime().availableProcessors(),
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
			System.out.println(out);
			Path file = Path.of(System.getProperty("bench.out", "target/bench/patient-login.md"));
			Files.createDirectories(file.getParent());
			Files.writeString(file, out.toString());
		}
		catch (Exception ex) {
			ex.printStackTrace();
			exit = 1;
		}
		finally {
			context.close();
		}
		System.exit(exit);
	}

	/** Random codes of the default policy, for failed logins. */
	static final class ReferenceNumberPolicyCodes {

		static String random(SecureRandom random) {
			char[] code = new char[10];
			for (int i = 0; i < code.length; i++) {
				code[i] = ReferenceNumberPolicy.DEFAULT_ALPHABET
					.charAt(random.nextInt(ReferenceNumberPolicy.DEFAULT_ALPHABET.length()));
			}
			return new String(code);
		}

	}

	private static String body(String code, String birthDate) {
		return "{\"referenceNumber\":\"" + code + "\",\"birthDate\":\"" + birthDate + "\"}";
	}

	private static Result run(String url, String scenario, int clients, int count,
			java.util.function.IntFunction<String> bodies, int expected) throws Exception {
		long[] latencies = new long[count];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger unexpected = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long start = System.nanoTime();
		List<Future<?>> work = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			work.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < count) {
					HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/patient/api/login"))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(bodies.apply(i)))
						.build();
					long began = System.nanoTime();
					try {
						HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
						if (response.statusCode() != expected) {
							unexpected.incrementAndGet();
						}
					}
					catch (Exception ex) {
						unexpected.incrementAndGet();
					}
					latencies[i] = System.nanoTime() - began;
				}
				return null;
			}));
		}
		for (Future<?> each : work) {
			each.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		return new Result(scenario, count, unexpected.get(), sorted[count / 2] / 1e6,
				sorted[(int) (count * 0.95)] / 1e6, count / seconds);
	}

}
