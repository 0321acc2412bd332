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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

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
 * {@code bench.logins} per scenario (4000), {@code bench.warmup} logins per scenario
 * before them (as many as {@code bench.logins}), {@code bench.dataDir},
 * {@code bench.out}, {@code bench.port} (0: a free one).
 *
 * <p>
 * Besides the rate and latencies, each scenario reports the CPU time per login of the
 * application's JVM (less the driver's own threads, which run in it), of its embedded
 * PostgreSQL and of the driver ({@link ProcessCpu}): on two saturated cores the rate
 * follows the load of the machine, the CPU per login hardly does.
 */
public final class PatientLoginLoadDriver {

	/**
	 * The driver's own threads: its clients, and its HTTP client's executor and selector.
	 */
	private static final Predicate<String> DRIVER = name -> name.startsWith("bench-") || name.startsWith("HttpClient-");

	/**
	 * The JVM's JIT compiler and garbage collector threads, part of the application's
	 * CPU.
	 */
	private static final String[] COMPILE_AND_GC = { "C1 CompilerThre", "C2 CompilerThre", "GC Thread#", "G1 " };

	/**
	 * One client for every login, HTTP/1.1 (no upgrade attempt), its connections kept
	 * alive: the driver costs as little as it can.
	 */
	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(Executors.newCachedThreadPool(named("bench-http-")))
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private PatientLoginLoadDriver() {
	}

	/**
	 * One scenario's figures; the CPU time per login, in ms, of the application (this JVM
	 * less the driver's threads), its PostgreSQL (server and backends) and the driver.
	 */
	record Result(String scenario, int logins, int unexpected, double p50, double p95, double perSecond, double jvmMs,
			double compileAndGcMs, double postgresMs, double driverMs) {

	}

	public static void main(String[] args) throws Exception {
		int clients = Integer.getInteger("bench.clients", 8);
		int codes = Integer.getInteger("bench.codes", 500);
		int logins = Integer.getInteger("bench.logins", 4000);
		int warmUp = Integer.getInteger("bench.warmup", logins);
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
			Path postgres = Path.of(System.getProperty("bench.dataDir", "target/bench-patient"), "postgres");
			SecureRandom random = new SecureRandom();
			List<Result> results = new ArrayList<>();
			for (int round = 0; round < 2; round++) {
				boolean measured = round == 1;
				Result ok = run(url, postgres, "successful", clients, measured ? logins : warmUp,
						i -> body(issued.get(i % issued.size()), PatientFixtures.BIRTH_DATE.toString()), 200);
				Result failed = run(url, postgres, "failed (unknown code)", clients, measured ? logins : warmUp,
						i -> body(ReferenceNumberPolicyCodes.random(random), PatientFixtures.BIRTH_DATE.toString()),
						401);
				if (measured) {
					results.add(ok);
					results.add(failed);
				}
			}
			StringBuilder out = new StringBuilder(
					"| scenario | logins | unexpected answers | p50 ms | p95 ms | logins/s"
							+ " | CPU ms per login: application JVM | of it JIT and GC | PostgreSQL | driver |\n"
							+ "|---|---|---|---|---|---|---|---|---|---|\n");
			for (Result r : results) {
				out.append(String.format("| %s | %d | %d | %.1f | %.1f | %.0f | %.3f | %.3f | %.3f | %.3f |%n",
						r.scenario(), r.logins(), r.unexpected(), r.p50(), r.p95(), r.perSecond(), r.jvmMs(),
						r.compileAndGcMs(), r.postgresMs(), r.driverMs()));
			}
			out.append(String.format(
					"%n%d clients, %d codes, %d warm-up logins per scenario, %d processors, load"
							+ " average at the end %.2f%n",
					clients, codes, warmUp, Runtime.getRuntime().availableProcessors(),
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

	private static ThreadFactory named(String prefix) {
		AtomicInteger n = new AtomicInteger();
		return task -> {
			Thread thread = new Thread(task, prefix + n.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static Result run(String url, Path postgres, String scenario, int clients, int count,
			IntFunction<String> bodies, int expected) throws Exception {
		long[] latencies = new long[count];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger unexpected = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(clients, named("bench-client-"));
		pool.invokeAll(Collections.nCopies(clients, () -> null));
		long[] cpu = { ProcessCpu.jvm(), ProcessCpu.postgres(postgres), ProcessCpu.threads(DRIVER),
				ProcessCpu.nativeThreads(COMPILE_AND_GC) };
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
						HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
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
		double driver = (ProcessCpu.threads(DRIVER) - cpu[2]) / 1e6 / count;
		double jvm = (ProcessCpu.jvm() - cpu[0]) / 1e6 / count - driver;
		double database = (ProcessCpu.postgres(postgres) - cpu[1]) / 1e6 / count;
		double compileAndGc = (ProcessCpu.nativeThreads(COMPILE_AND_GC) - cpu[3]) / 1e6 / count;
		pool.shutdown();
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		return new Result(scenario, count, unexpected.get(), sorted[count / 2] / 1e6,
				sorted[(int) (count * 0.95)] / 1e6, count / seconds, jvm, compileAndGc, database, driver);
	}

}
