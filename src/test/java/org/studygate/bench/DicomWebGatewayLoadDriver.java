package org.studygate.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.studygate.StudygateApplication;
import org.studygate.archive.DicomFiles;
import org.studygate.archive.Orthanc;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The DICOMweb gateway against the archive it fronts, in the same run (BENCHMARKS.md): a
 * real Orthanc with one study, Studygate on a random port with that Orthanc as its
 * archive, and the same requests sent to both — QIDO-RS for the study, WADO-RS metadata
 * of the study, and single frames — by {@code bench.clients} concurrent clients,
 * {@code bench.requests} requests each. Prints and writes ({@code bench.out}) latency
 * (mean, p50, p95) and throughput, and the ratios gateway/direct. The gateway's QIDO-RS
 * is answered from the registry; its WADO-RS is the archive's answer streamed through
 * after the access decision. For each scenario and target it also reports the CPU time
 * per request of each process that takes part ({@link ProcessCpu}): the application's JVM
 * (this JVM less the driver's own threads), its PostgreSQL, Orthanc, and the driver (its
 * clients and its HTTP client's threads). On two saturated cores a throughput ratio
 * cannot exceed the ratio of these totals, direct over gateway.
 */
public final class DicomWebGatewayLoadDriver {

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Path DATA_DIR = Path.of(System.getProperty("bench.dataDir", "target/bench-dicomweb"));

	/** The driver's own threads: its clients, its HTTP client's executor and selector. */
	private final Set<Thread> driverThreads = ConcurrentHashMap.newKeySet();

	private final ThreadFactory driverThreadFactory = runnable -> {
		Thread thread = new Thread(runnable, "bench-driver-" + driverThreads.size());
		thread.setDaemon(true);
		driverThreads.add(thread);
		return thread;
	};

	private final HttpClient http;

	private final int clients = Integer.getInteger("bench.clients", 4);

	private final int requests = Integer.getInteger("bench.requests", 300);

	/**
	 * Warm-up requests per client and target before each measured run: enough that the
	 * JIT compiler has done its work (with 50, its threads took 2-4 ms of CPU per
	 * measured gateway request, BENCHMARKS.md "Round 5: the gateway").
	 */
	private final int warmup = Integer.getInteger("bench.warmup", 400);

	DicomWebGatewayLoadDriver() {
		Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
		this.http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(2, this.driverThreadFactory))
			.build();
		// the client's selector thread, started with it
		Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).forEach(driverThreads::add);
	}

	/**
	 * CPU milliseconds per request: the application's JVM, its PostgreSQL, Orthanc, the
	 * driver.
	 */
	record Cpu(double jvm, double postgres, double orthanc, double driver) {

		double total() {
			return this.jvm + this.postgres + this.orthanc + this.driver;
		}

	}

	record Result(String scenario, String target, double meanMs, double p50Ms, double p95Ms, double perSecond,
			int errors, Cpu cpu, String threads) {

	}

	/**
	 * CPU nanoseconds so far: this whole JVM, PostgreSQL, Orthanc, the driver's threads.
	 */
	private long[] cpuNanos() {
		return new long[] { ProcessCpu.jvm(), ProcessCpu.postgres(DATA_DIR.resolve("postgres")),
				ProcessCpu.started("Orthanc"), ProcessCpu.threads(this.driverThreads) };
	}

	private static Cpu perRequest(long[] from, long[] to, int requests) {
		double driver = (to[3] - from[3]) / 1e6 / requests;
		return new Cpu((to[0] - from[0]) / 1e6 / requests - driver, (to[1] - from[1]) / 1e6 / requests,
				(to[2] - from[2]) / 1e6 / requests, driver);
	}

	public static void main(String[] args) throws Exception {
		DicomWebGatewayLoadDriver driver = new DicomWebGatewayLoadDriver();
		Orthanc orthanc = Orthanc.shared();
		ConfigurableApplicationContext context = null;
		try {
			DicomFiles.Spec spec = DicomFiles.Spec.of("BENCH1", "Bench^Patient")
				.size(2, Integer.getInteger("bench.instances", 20))
				.side(512);
			orthanc.upload(DicomFiles.make(spec));
			orthanc.awaitStable(spec.studyInstanceUid());
			context = new SpringApplicationBuilder(StudygateApplication.class).run(
					"--server.port=" + Integer.getInteger("bench.port", 0), "--studygate.data-dir=" + DATA_DIR,
					"--studygate.db.embedded-clean=true", "--studygate.demo=false",
					"--studygate.admin-password=Bench-admin-1",
					"--studygate.two-factor.service-desk-exempt-for-tests=true",
					"--studygate.archive.url=" + orthanc.dicomWebUrl(), "--logging.level.org.studygate.request=WARN",
					"--logging.level.org.studygate.archive=ERROR");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String base = "http://127.0.0.1:" + port;
			String token = driver.token(base);
			driver.post(base + "/api/v1/admin/departments", token,
					"{\"code\":\"BENCH\",\"name\":\"Bench radiology\",\"timeZone\":\"Europe/Brussels\"}");
			driver.post(base + "/api/v1/studies", token,
					"""
							{"studyInstanceUid":"%s","accessionNumber":"BENCH1","departmentCode":"BENCH","studyDate":"2025-03-14",
							 "modality":"CT","description":"CT thorax","patient":{"patientId":"%s","name":"Bench^Patient",
							 "birthDate":"1970-05-17"}}
							"""
						.formatted(spec.studyInstanceUid(), spec.patientId()));
			String study = "/studies/" + spec.studyInstanceUid();
			String frame = study + "/series/" + spec.studyInstanceUid() + ".1/instances/" + spec.studyInstanceUid()
					+ ".1.1/frames/1";
			List<String[]> scenarios = List.of(
					new String[] { "QIDO-RS /studies?StudyInstanceUID=",
							"/studies?StudyInstanceUID=" + spec.studyInstanceUid(), "application/dicom+json" },
					new String[] {
							"WADO-RS study metadata (" + spec.series() * spec.instancesPerSeries() + " instances)",
							study + "/metadata", "application/dicom+json" },
					new String[] { "WADO-RS frame (512×512, 8 bit)", frame,
							"multipart/related; type=\"application/octet-stream\"" });
			List<Result> results = new ArrayList<>();
			// warm every scenario on both targets first, so that the JIT compiler's work
			// falls outside the measured runs; then measure direct and gateway one after
			// the other for each scenario
			for (String[] scenario : scenarios) {
				driver.measure(scenario[0], "direct", orthanc.dicomWebUrl() + scenario[1], null, scenario[2],
						driver.warmup);
				driver.measure(scenario[0], "gateway", base + "/dicomweb" + scenario[1], token, scenario[2],
						driver.warmup);
			}
			for (String[] scenario : scenarios) {
				results.add(driver.measure(scenario[0], "direct", orthanc.dicomWebUrl() + scenario[1], null,
						scenario[2], driver.requests));
				results.add(driver.measure(scenario[0], "gateway", base + "/dicomweb" + scenario[1], token, scenario[2],
						driver.requests));
			}
			String report = report(results, driver.clients, driver.requests);
			System.out.println(report);
			String out = System.getProperty("bench.out");
			if (out != null) {
				Files.createDirectories(Path.of(out).getParent());
				Files.writeString(Path.of(out), report);
			}
		}
		finally {
			if (context != null) {
				context.close();
			}
			orthanc.close();
		}
	}

	private String token(String base) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"Bench-admin-1\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher matcher = TOKEN.matcher(response.body());
		if (!matcher.find()) {
			throw new IllegalStateException("no token: " + response.statusCode());
		}
		return matcher.group(1);
	}

	private void post(String url, String token, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	private Result measure(String scenario, String target, String url, String token, String accept, int perClient)
			throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept);
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		HttpRequest request = builder.build();
		long[] latencies = new long[clients * perClient];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(clients, this.driverThreadFactory);
		long[] cpuFrom = cpuNanos();
		java.util.Map<String, Long> threadsFrom = ProcessCpu.jvmThreads();
		long start = System.nanoTime();
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			running.add(pool.submit(() -> {
				for (int i = 0; i < perClient; i++) {
					long t0 = System.nanoTime();
					try {
						HttpResponse<InputStream> response = http.send(request,
								HttpResponse.BodyHandlers.ofInputStream());
						try (InputStream body = response.body()) {
							body.transferTo(java.io.OutputStream.nullOutputStream());
						}
						if (response.statusCode() != 200) {
							errors.incrementAndGet();
						}
					}
					catch (Exception ex) {
						errors.incrementAndGet();
					}
					latencies[next.getAndIncrement()] = System.nanoTime() - t0;
				}
				return null;
			}));
		}
		for (Future<?> future : running) {
			future.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "measured %s %s %d: %s to %s%n", scenario, target, perClient,
				java.time.Instant.now().minusNanos((long) (seconds * 1e9)), java.time.Instant.now());
		long[] cpuTo = cpuNanos();
		String threads = threads(threadsFrom, ProcessCpu.jvmThreads(), latencies.length);
		pool.shutdown();
		pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
		Arrays.sort(latencies);
		double mean = Arrays.stream(latencies).average().orElse(0) / 1e6;
		return new Result(scenario, target, mean, latencies[latencies.length / 2] / 1e6,
				latencies[(int) (latencies.length * 0.95)] / 1e6, latencies.length / seconds, errors.get(),
				perRequest(cpuFrom, cpuTo, latencies.length), threads);
	}

	/** This JVM's busiest thread groups, CPU ms per request, in one line. */
	private static String threads(java.util.Map<String, Long> from, java.util.Map<String, Long> to, int requests) {
		return to.entrySet()
			.stream()
			.map(e -> java.util.Map.entry(e.getKey(), e.getValue() - from.getOrDefault(e.getKey(), 0L)))
			.filter(e -> e.getValue() > 0)
			.sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(8)
			.map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue() / 1e6 / requests))
			.collect(java.util.stream.Collectors.joining(", "));
	}

	private static String report(List<Result> results, int clients, int requests) {
		StringBuilder out = new StringBuilder();
		out.append(
				String.format(Locale.ROOT, "%d clients × %d requests per scenario and target%n%n", clients, requests));
		out.append(
				"| Scenario | Target | mean ms | p50 ms | p95 ms | req/s | errors |\n|---|---|---|---|---|---|---|\n");
		for (Result r : results) {
			out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.0f | %d |%n", r.scenario(),
					r.target(), r.meanMs(), r.p50Ms(), r.p95Ms(), r.perSecond(), r.errors()));
		}
		out.append("\n| Scenario | Target | CPU ms per request | application JVM | PostgreSQL | Orthanc | driver |\n"
				+ "|---|---|---|---|---|---|---|\n");
		for (Result r : results) {
			Cpu cpu = r.cpu();
			out.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n", r.scenario(),
					r.target(), cpu.total(), cpu.jvm(), cpu.postgres(), cpu.orthanc(), cpu.driver()));
		}
		out.append("\nThis JVM's CPU ms per request by thread (from /proc, 10 ms ticks; the driver's threads are "
				+ "bench-driver- and its client's selector):\n\n");
		for (Result r : results) {
			out.append(String.format(Locale.ROOT, "- %s, %s: %s%n", r.scenario(), r.target(), r.threads()));
		}
		out.append("\n| Scenario | latency ratio gateway/direct (mean; target ≤ 1.2) | throughput ratio (target ≥ 0.8) "
				+ "| CPU per request direct/gateway (the throughput ratio's ceiling on saturated cores) |\n"
				+ "|---|---|---|---|\n");
		for (int i = 0; i + 1 < results.size(); i += 2) {
			Result direct = results.get(i);
			Result gateway = results.get(i + 1);
			out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", direct.scenario(),
					gateway.meanMs() / direct.meanMs(), gateway.perSecond() / direct.perSecond(),
					direct.cpu().total() / gateway.cpu().total()));
		}
		return out.toString();
	}

}
