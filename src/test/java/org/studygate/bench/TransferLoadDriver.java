package org.studygate.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.studygate.StudygateApplication;
import org.studygate.archive.DicomFiles;
import org.studygate.archive.Orthanc;
import org.studygate.transfer.Storescp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Forward and download of a large study (BENCHMARKS.md), in one JVM with a small heap
 * (run it with {@code -Xmx256m}): a real Orthanc holds {@code bench.instances} instances
 * of {@code bench.side}² bytes (100 × 3200² ≈ 1 GB by default, made with dump2dcm);
 * dcmtk's storescp ({@code --ignore}: received, not written) is the PACS. Measured in the
 * same run: Orthanc storing the study to storescp directly (its asynchronous C-STORE
 * job), Studygate forwarding it (a job: queue, archive C-STORE, progress), and
 * Studygate's ZIP download streamed to nowhere, with the peak heap during the download.
 */
public final class TransferLoadDriver {

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	public static void main(String[] args) throws Exception {
		new TransferLoadDriver().run();
	}

	private void run() throws Exception {
		int instances = Integer.getInteger("bench.instances", 100);
		int side = Integer.getInteger("bench.side", 3200);
		Orthanc orthanc = Orthanc.shared();
		ConfigurableApplicationContext context = null;
		try (Storescp pacs = new Storescp("BENCHPACS", "--ignore")) {
			DicomFiles.Spec spec = DicomFiles.Spec.of("BENCHTR", "Bench^Transfer").size(1, instances).side(side);
			long made = System.nanoTime();
			List<Path> files = DicomFiles.make(spec);
			long bytes = 0;
			for (Path file : files) {
				bytes += Files.size(file);
			}
			orthanc.upload(files);
			for (Path file : files) {
				Files.deleteIfExists(file);
			}
			System.out.printf(Locale.ROOT, "study of %d instances, %.1f MB, made and stored in %.0f s%n", instances,
					bytes / 1e6, (System.nanoTime() - made) / 1e9);
			String studyId = orthanc.post("/tools/lookup", spec.studyInstanceUid().getBytes(), "text/plain")
				.path(0)
				.path("ID")
				.asString();

			put(orthanc.restUrl() + "/modalities/benchdirect",
					"{\"AET\":\"BENCHPACS\",\"Host\":\"127.0.0.1\",\"Port\":" + pacs.port + "}");
			context = new SpringApplicationBuilder(StudygateApplication.class).run("--server.port=0",
					"--studygate.data-dir=" + System.getProperty("bench.dataDir", "target/bench-transfer"),
					"--studygate.db.embedded-clean=true", "--studygate.demo=false",
					"--studygate.admin-password=Bench-admin-1",
					"--studygate.two-factor.service-desk-exempt-for-tests=true",
					"--studygate.archive.url=" + orthanc.dicomWebUrl(),
					"--studygate.archive.poll-initial-delay=PT1000H", "--studygate.transfer.poll-interval=PT0.2S",
					"--logging.level.org.studygate.request=WARN");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String base = "http://127.0.0.1:" + port;
			String token = token(base);
			String department = post(base + "/api/v1/admin/departments", token,
					"{\"code\":\"BENCHTR\",\"name\":\"Bench transfers\",\"timeZone\":\"Europe/Brussels\"}")
				.path("id")
				.asString();
			String study = post(base + "/api/v1/studies", token,
					"""
							{"studyInstanceUid":"%s","accessionNumber":"BENCHTR","departmentCode":"BENCHTR","studyDate":"2025-03-14",
							 "modality":"CT","description":"CT thorax","patient":{"patientId":"%s","name":"Bench^Transfer",
							 "birthDate":"1970-05-17"}}
							"""
						.formatted(spec.studyInstanceUid(), spec.patientId()))
				.path("id")
				.asString();
			String destination = post(base + "/api/v1/departments/" + department + "/transfer-destinations", token,
					"{\"name\":\"Bench PACS\",\"aeTitle\":\"BENCHPACS\",\"host\":\"127.0.0.1\",\"port\":" + pacs.port
							+ "}")
				.path("id")
				.asString();

			String loadBefore = uptime();
			// a warm-up store (the archive's files into the page cache), then alternating
			// rounds of
			// Orthanc storing directly and Studygate forwarding, so that load falls on
			// both alike
			storeDirectly(orthanc, studyId);
			int rounds = Integer.getInteger("bench.rounds", 2);
			double direct = 0;
			double forward = 0;
			StringBuilder perRound = new StringBuilder();
			for (int round = 1; round <= rounds; round++) {
				double d = storeDirectly(orthanc, studyId);
				double f = forward(base, token, study, destination);
				perRound.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f |%n", round, d, f));
				direct += d;
				forward += f;
			}
			direct /= rounds;
			forward /= rounds;

			// 3. Studygate: the ZIP download, streamed to nowhere, with the heap's peak
			// during it
			System.gc();
			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
			long t2 = System.nanoTime();
			HttpResponse<InputStream> zip = http
				.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/studies/" + study + "/download"))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			long zipBytes;
			try (InputStream body = zip.body()) {
				zipBytes = body.transferTo(java.io.OutputStream.nullOutputStream());
			}
			double download = (System.nanoTime() - t2) / 1e9;
			long peakHeap = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					peakHeap += pool.getPeakUsage().getUsed();
				}
			}
			String report = String.format(Locale.ROOT,
					"""
							Study: %d instances of %d×%d bytes, %.1f MB of DICOM; JVM max heap %d MB (driver and application in one JVM); /proc/loadavg before the measures: %s, after: %s

							| Measure (mean of the rounds for the first two) | Time s | Instances/s | MB/s |
							|---|---|---|---|
							| Orthanc C-STORE to storescp, directly (asynchronous job) | %.2f | %.1f | %.1f |
							| Studygate forward (job: queue, archive C-STORE, progress) | %.2f | %.1f | %.1f |
							| Studygate ZIP download (DICOM, streamed, %d HTTP %d, %.1f MB zipped) | %.2f | %.1f | %.1f |

							Forward/direct throughput ratio: %.2f. Peak heap (all heap pools) during the download: %.0f MB.

							| Round | direct s | forward s |
							|---|---|---|
							%s""",
					instances, side, side, bytes / 1e6, Runtime.getRuntime().maxMemory() / (1024 * 1024), loadBefore,
					uptime(), direct, instances / direct, bytes / 1e6 / direct, forward, instances / forward,
					bytes / 1e6 / forward, instances, zip.statusCode(), zipBytes / 1e6, download, instances / download,
					bytes / 1e6 / download, direct / forward, peakHeap / (1024.0 * 1024.0), perRound);
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

	private double storeDirectly(Orthanc orthanc, String studyId) throws InterruptedException {
		long t0 = System.nanoTime();
		JsonNode job = orthanc.post("/modalities/benchdirect/store",
				("{\"Resources\":[\"" + studyId + "\"],\"Asynchronous\":true}").getBytes(), "application/json");
		awaitOrthancJob(orthanc, job.path("ID").asString());
		return (System.nanoTime() - t0) / 1e9;
	}

	private double forward(String base, String token, String study, String destination) throws Exception {
		long t1 = System.nanoTime();
		String transfer = post(base + "/api/v1/studies/" + study + "/transfers", token,
				"{\"destinationId\":\"" + destination + "\"}")
			.path("id")
			.asString();
		JsonNode ended;
		do {
			Thread.sleep(100);
			ended = get(base + "/api/v1/transfers/" + transfer, token);
		}
		while (!ended.path("state").asString().equals("DONE") && !ended.path("state").asString().equals("FAILED"));
		if (!ended.path("state").asString().equals("DONE")) {
			throw new IllegalStateException("the forward failed: " + ended);
		}
		return (System.nanoTime() - t1) / 1e9;
	}

	private static String uptime() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private void awaitOrthancJob(Orthanc orthanc, String id) throws InterruptedException {
		while (true) {
			JsonNode job = orthanc.get("/jobs/" + id);
			String state = job.path("State").asString();
			if (state.equals("Success")) {
				return;
			}
			if (state.equals("Failure")) {
				throw new IllegalStateException("Orthanc's C-STORE failed: " + job);
			}
			Thread.sleep(100);
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

	private JsonNode post(String url, String token, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
	}

	private void put(String url, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(url + " answered " + response.statusCode());
		}
	}

	private JsonNode get(String url, String token) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

}
