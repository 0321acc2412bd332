package org.studygate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.studygate.Fixtures;
import org.studygate.SqlStatements;
import org.studygate.StudygateApplication;
import org.studygate.access.GrantOrigin;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.access.NewGrant;
import org.studygate.access.SubjectType;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;
import org.studygate.refcode.PatientFixtures;
import org.studygate.study.StudyId;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the Access tab of the REST API ({@code GET /api/v1/studies/{id}/access}) for a
 * study with 50 live grants (40 to users, 10 to practices), 5 buckets and 20 reference
 * numbers, requested by a physician in a practice and copied to two more: the SQL
 * statements one request runs (counted on the server's request threads from the JDBC
 * driver's trace, {@link SqlStatements}) and p50/p95/p99 with N concurrent clients.
 * Writes the figures as a markdown section.
 *
 * <p>
 * It starts the application in this JVM on a random port with the embedded PostgreSQL in
 * {@code bench.dataDir} (each run adds its own department and study).
 *
 * <p>
 * Settings (system properties): {@code bench.dataDir} (target/bench-access),
 * {@code bench.clients} (4), {@code bench.warmup} (3000: a JVM still compiling costs a
 * third more CPU per request, BENCHMARKS.md "Performance round 5"),
 * {@code bench.requests} (2000), {@code bench.grants} (50), {@code bench.buckets} (5),
 * {@code bench.codes} (20), {@code bench.out} (target/bench/access-tab.md).
 */
public final class AccessTabLoadDriver {

	private static final Pattern GRANT_LINE = Pattern.compile("\"grantId\"\\s*:\\s*\"");

	private static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.executor(RequestCpu.httpExecutor())
		.build();

	private static final RequestCpu cpu = new RequestCpu(
			Path.of(System.getProperty("bench.dataDir", "target/bench-access"), "postgres"));

	private AccessTabLoadDriver() {
	}

	public static void main(String[] args) throws Exception {
		int clients = Integer.getInteger("bench.clients", 4);
		int warmup = Integer.getInteger("bench.warmup", 3000);
		int requests = Integer.getInteger("bench.requests", 2000);
		int grantCount = Integer.getInteger("bench.grants", 50);
		int bucketCount = Integer.getInteger("bench.buckets", 5);
		int codeCount = Integer.getInteger("bench.codes", 20);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StudygateApplication.class).run(
				"--server.port=0", "--studygate.data-dir=" + System.getProperty("bench.dataDir", "target/bench-access"),
				"--studygate.demo=false", "--studygate.admin-password=Bench-admin-1",
				"--logging.level.org.studygate=WARN");
		int exit = 0;
		try {
			String url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
			Fixtures fixtures = context.getBean(Fixtures.class);
			Department department = fixtures.department("Radiology Bench Access Tab");
			UserId admin = fixtures.sourceAdmin(department, "Bench Admin");
			StudyId study = study(context, fixtures, department, admin, grantCount, codeCount);
			String bearer = fixtures.bearer(admin);
			for (int i = 0; i < bucketCount; i++) {
				bucket(url, bearer, study, i);
			}
			HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/studies/" + study + "/access"))
				.header("Authorization", bearer)
				.header("Accept", "application/json")
				.GET()
				.build();
			HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
			long grantLines = GRANT_LINE.matcher(first.body()).results().count();
			if (first.statusCode() != 200 || grantLines != grantCount) {
				throw new IllegalStateException("unexpected Access tab: " + first.statusCode() + ", " + grantLines
						+ " grant lines, " + first.body().length() + " characters");
			}
			double perRequest = countStatements(request, 50);
			run(request, clients, warmup);
			double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			RequestCpu.Reading cpuStart = cpu.read();
			long[] latencies = run(request, clients, requests);
			RequestCpu.PerRequest cpuPerRequest = RequestCpu.perRequest(cpuStart, cpu.read(), requests);
			String report = report(latencies, clients, requests, grantCount, bucketCount, codeCount, perRequest,
					first.body().length())
					+ String.format(
							"%n- CPU ms per request (measured requests): application JVM / PostgreSQL / "
									+ "driver %s%n- Load average (1 min) at the first measured request → at the end: "
									+ "%.2f → %.2f%n",
							cpuPerRequest, loadAtStart,
							ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			System.out.println(report);
			Path out = Path.of(System.getProperty("bench.out", "target/bench/access-tab.md"));
			Files.createDirectories(out.toAbsolutePath().getParent());
			Files.writeString(out, report);
			System.out.println("Written to " + out.toAbsolutePath());
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

	/**
	 * The study: requested by a physician of a sharing practice, copied to two more, with
	 * the grants and the reference numbers.
	 */
	private static StudyId study(ConfigurableApplicationContext context, Fixtures fixtures, Department department,
			UserId admin, int grantCount, int codeCount) {
		String requester = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Bench Requester", requester);
		fixtures.practice("Bench Practice", physician);
		String cc1 = Fixtures.physicianNumber();
		fixtures.physician("Bench Copied", cc1);
		StudyId study = fixtures.study(department, "Bench^Patient", LocalDate.of(2026, 6, 1), requester, cc1,
				Fixtures.physicianNumber());
		Grants grants = context.getBean(Grants.class);
		Actor giver = fixtures.actor(admin);
		int groups = grantCount / 5;
		for (int i = 0; i < grantCount; i++) {
			NewGrant grant;
			if (i < groups) {
				GroupId practice = fixtures.practice("Bench Practice " + i, fixtures.user("Bench Member " + i));
				grant = new NewGrant(SubjectType.GROUP, practice.value(), GrantScope.IMAGES, false, false, null, null,
						GrantOrigin.SHARE);
			}
			else {
				grant = new NewGrant(SubjectType.USER, fixtures.user("Bench Grantee " + i).value(),
						GrantScope.IMAGES_REPORT_READ, false, false, null, null, GrantOrigin.SHARE);
			}
			grants.grant(giver, study, grant);
		}
		PatientFixtures patients = context.getBean(PatientFixtures.class);
		for (int i = 0; i < codeCount; i++) {
			patients.code(study);
		}
		return study;
	}

	private static void bucket(String url, String bearer, StudyId study, int i) throws Exception {
		String body = """
				{"studyIds":["%s"],"verification":"DOB_ONLY","scope":"IMAGES","reason":"bench","language":"en",
				 "patientAgreed":true,"label":"Bench bucket %d"}
				""".formatted(study, i);
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/buckets"))
			.header("Authorization", bearer)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("bucket not made: " + response.statusCode() + " " + response.body());
		}
	}

	/**
	 * The statements one request runs on the server's request threads, averaged over
	 * sequential requests; counted before the timed runs, which run without the driver's
	 * trace.
	 */
	private static double countStatements(HttpRequest request, int count) throws Exception {
		try (SqlStatements statements = SqlStatements.onThreadsNamed("http-")) {
			for (int i = 0; i < count; i++) {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException("status " + response.statusCode());
				}
			}
			return statements.count() / (double) count;
		}
	}

	private static long[] run(HttpRequest request, int clients, int count) throws Exception {
		AtomicInteger next = new AtomicInteger();
		long[] latencies = new long[count];
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				futures.add(pool.submit(() -> cpu.client(() -> {
					int i;
					while ((i = next.getAndIncrement()) < count) {
						long start = System.nanoTime();
						try {
							HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
							if (response.statusCode() != 200) {
								throw new IllegalStateException("status " + response.statusCode());
							}
						}
						catch (IOException ex) {
							throw new IllegalStateException(ex);
						}
						latencies[i] = System.nanoTime() - start;
					}
					return null;
				})));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		return latencies;
	}

	private static double percentile(long[] sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
	}

	private static String report(long[] latencies, int clients, int requests, int grants, int buckets, int codes,
			double perRequest, int characters) {
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		StringBuilder md = new StringBuilder();
		md.append("## Access tab API load test (").append(Instant.now()).append(")\n\n");
		md.append(String.format("- Study: %d live grants, %d buckets, %d reference numbers; answer %d characters%n",
				grants, buckets, codes, characters));
		md.append(String.format("- Clients: %d concurrent, %d measured requests%n", clients, requests));
		md.append("- JVM: ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.version"))
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" processors, ")
			.append(ManagementFactory.getRuntimeMXBean().getInputArguments())
			.append("\n\n");
		md.append("| Scenario | SQL statements per request | p50 ms | p95 ms | p99 ms | max ms |\n");
		md.append("|---|---:|---:|---:|---:|---:|\n");
		md.append(String.format("| GET …/access | %.1f | %.1f | %.1f | %.1f | %.1f |%n", perRequest,
				percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
				sorted[sorted.length - 1] / 1e6));
		return md.toString();
	}

}
