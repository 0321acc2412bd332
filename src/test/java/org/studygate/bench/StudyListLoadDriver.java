package org.studygate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.studygate.SqlStatements;
import org.studygate.StudygateApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the explore list of the REST API ({@code GET /api/v1/studies}, first page of
 * 100, without and with a patient-name filter) for a median physician, the busiest
 * physician and a source user of RAD-NORTH, with N concurrent clients, and writes the
 * figures as a markdown section.
 *
 * <p>
 * Without {@code -Dbench.url} it starts the application in this JVM on a random port with
 * the embedded PostgreSQL in {@code bench.dataDir}; on the first run the demo and scale
 * sets are loaded (a few minutes for a million studies), later runs reuse them. With
 * {@code -Dbench.url} it measures a running instance that was started with the same
 * {@code studygate.demo.*} options.
 *
 * <p>
 * Settings (system properties): {@code bench.studies} (1000000), {@code bench.users}
 * (100000), {@code bench.dataDir} (target/bench-data), {@code bench.clients} (4),
 * {@code bench.warmup} (4000 per scenario, so that the first scenario is not measured
 * while the JIT compiler still works, BENCHMARKS.md "Performance round 5"),
 * {@code bench.requests} (2000), {@code bench.maxSeconds} per scenario (90),
 * {@code bench.patient} (Claes), {@code bench.out} (target/bench/load-driver.md).
 */
public final class StudyListLoadDriver {

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:");

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.executor(RequestCpu.httpExecutor())
		.build();

	private final String base;

	private final int clients = Integer.getInteger("bench.clients", 4);

	private final int warmup = Integer.getInteger("bench.warmup", 4000);

	private final int requests = Integer.getInteger("bench.requests", 2000);

	private final int maxSeconds = Integer.getInteger("bench.maxSeconds", 90);

	private final RequestCpu cpu;

	private double loadAtStart = -1;

	private StudyListLoadDriver(String base, Path postgres) {
		this.base = base;
		this.cpu = new RequestCpu(postgres);
	}

	/** One measured scenario. */
	record Result(String scenario, int requests, int errors, int items, double p50, double p95, double p99, double max,
			double throughput, double statements, RequestCpu.PerRequest cpu) {

	}

	public static void main(String[] args) throws Exception {
		int studies = Integer.getInteger("bench.studies", 1_000_000);
		int users = Integer.getInteger("bench.users", 100_000);
		String url = System.getProperty("bench.url", "");
		ConfigurableApplicationContext context = null;
		long loadStarted = System.nanoTime();
		if (url.isBlank()) {
			context = new SpringApplicationBuilder(StudygateApplication.class).run("--server.port=0",
					"--studygate.data-dir=" + System.getProperty("bench.dataDir", "target/bench-data"),
					"--studygate.demo=true", "--studygate.demo.studies=" + studies, "--studygate.demo.users=" + users,
					"--studygate.admin-password=Bench-admin-1", "--logging.level.org.studygate.request=WARN");
			url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
		}
		double startSeconds = (System.nanoTime() - loadStarted) / 1e9;
		int exitCode = 0;
		try {
			Path postgres = context == null ? Path.of("/nonexistent")
					: Path.of(System.getProperty("bench.dataDir", "target/bench-data"), "postgres");
			StudyListLoadDriver driver = new StudyListLoadDriver(url, postgres);
			String patient = System.getProperty("bench.patient", "Claes");
			int physicians = Math.max(1, users / 2);
			List<Result> results = new ArrayList<>();
			record Who(String label, String username) {
			}
			for (Who who : List.of(
					new Who("physician, median referrer",
							String.format("physician.%06d@bulk.demo.studygate.test", physicians / 2)),
					new Who("physician, busiest referrer", "physician.000001@bulk.demo.studygate.test"),
					new Who("source user of RAD-NORTH", "user.north@demo.studygate.test"))) {
				String token = driver.token(who.username());
				results.add(driver.measure(who.label() + ", first page", token, "/api/v1/studies?limit=100"));
				results.add(driver.measure(who.label() + ", patient=" + patient, token,
						"/api/v1/studies?limit=100&patient=" + URLEncoder.encode(patient, StandardCharsets.UTF_8)));
			}
			String report = driver.report(results, studies, users, startSeconds, context != null);
			System.out.println(report);
			Path out = Path.of(System.getProperty("bench.out", "target/bench/load-driver.md"));
			Files.createDirectories(out.toAbsolutePath().getParent());
			Files.writeString(out, report);
			System.out.println("Written to " + out.toAbsolutePath());
		}
		catch (Exception ex) {
			ex.printStackTrace();
			exitCode = 1;
		}
		finally {
			if (context != null) {
				context.close();
			}
		}
		System.exit(exitCode);
	}

	private String token(String username) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"username\":\"" + username + "\",\"password\":\"Demo-pass-1\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher matcher = TOKEN.matcher(response.body());
		if (response.statusCode() != 200 || !matcher.find()) {
			throw new IllegalStateException("no token for " + username + ": " + response.statusCode());
		}
		return matcher.group(1);
	}

	private Result measure(String scenario, String token, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
		int items = (int) ID.matcher(first.body()).results().count();
		double statements = statements(request, 20);
		run(request, warmup, new long[warmup], new AtomicInteger());
		if (this.loadAtStart < 0) {
			this.loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		}
		long[] latencies = new long[requests];
		AtomicInteger errors = new AtomicInteger();
		RequestCpu.Reading cpuStart = this.cpu.read();
		long started = System.nanoTime();
		int done = run(request, requests, latencies, errors);
		double seconds = (System.nanoTime() - started) / 1e9;
		RequestCpu.PerRequest perRequest = RequestCpu.perRequest(cpuStart, this.cpu.read(), done);
		long[] measured = Arrays.copyOf(latencies, done);
		Arrays.sort(measured);
		Result result = new Result(scenario, done, errors.get(), items, percentile(measured, 50),
				percentile(measured, 95), percentile(measured, 99), measured[measured.length - 1] / 1e6, done / seconds,
				statements, perRequest);
		System.out.printf("%-60s %s%n", scenario, result);
		return result;
	}

	/**
	 * The SQL statements one request runs on the server's request threads (the JDBC
	 * driver's trace, {@link SqlStatements}), averaged over sequential requests sent
	 * before the timed ones.
	 */
	private double statements(HttpRequest request, int count) throws Exception {
		try (SqlStatements statements = SqlStatements.onThreadsNamed("http-")) {
			for (int i = 0; i < count; i++) {
				this.http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			return statements.count() / (double) count;
		}
	}

	/**
	 * Sends up to {@code count} requests from the clients; stops early after
	 * bench.maxSeconds.
	 */
	private int run(HttpRequest request, int count, long[] latencies, AtomicInteger errors) throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				futures.add(pool.submit(() -> this.cpu.client(() -> {
					int i;
					while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
						long start = System.nanoTime();
						try {
							HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
							if (response.statusCode() != 200) {
								errors.incrementAndGet();
							}
						}
						catch (IOException ex) {
							errors.incrementAndGet();
						}
						latencies[i] = System.nanoTime() - start;
						done.incrementAndGet();
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
		return Math.min(done.get(), count);
	}

	private static double percentile(long[] sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
	}

	private String report(List<Result> results, int studies, int users, double startSeconds, boolean inProcess) {
		StringBuilder md = new StringBuilder();
		md.append("## Explore API load test (").append(Instant.now()).append(")\n\n");
		md.append("- Target: ")
			.append(inProcess ? "in-process application with the embedded PostgreSQL, " : "")
			.append(base)
			.append('\n');
		md.append("- Data set: ")
			.append(studies)
			.append(" bulk studies, ")
			.append(users)
			.append(" bulk users (plus the small demo set)\n");
		md.append(String.format("- Load average (1 min) at the first measured request → at the end: %.2f → %.2f%n",
				this.loadAtStart, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
		md.append("- Clients: ")
			.append(clients)
			.append(" concurrent, ")
			.append(warmup)
			.append(" warm-up requests, then ")
			.append(requests)
			.append(" measured requests per scenario (at most ")
			.append(maxSeconds)
			.append(" s)\n");
		if (inProcess) {
			md.append(String.format("- Start-up including any data loading: %.0f s%n", startSeconds));
		}
		md.append("- JVM: ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.version"))
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" processors, max heap ")
			.append(Runtime.getRuntime().maxMemory() >> 20)
			.append(" MB, ")
			.append(ManagementFactory.getRuntimeMXBean().getInputArguments())
			.append("\n\n");
		md.append(
				"| Scenario | Requests | Errors | Rows | SQL statements per request | p50 ms | p95 ms | p99 ms | max ms "
						+ "| req/s | CPU ms per request: application JVM / PostgreSQL / driver |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Result r : results) {
			md.append(String.format("| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %s |%n",
					r.scenario(), r.requests(), r.errors(), r.items(), r.statements(), r.p50(), r.p95(), r.p99(),
					r.max(), r.throughput(), r.cpu()));
		}
		return md.toString();
	}

}
