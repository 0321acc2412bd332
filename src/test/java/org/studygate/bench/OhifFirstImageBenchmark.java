package org.studygate.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.studygate.StudygateApplication;
import org.studygate.archive.DicomFiles;
import org.studygate.archive.Orthanc;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Time to the first image in OHIF for a 200-slice CT (BENCHMARKS.md): the same OHIF
 * build, in headless Chromium, once over Studygate's gateway ({@code /viewer/}, signed
 * in) and once directly against Orthanc's DICOMweb (the same page and configuration
 * served by a small same-origin server here, which passes {@code /dicom-web} through to
 * Orthanc). Each load is a fresh browser context (cold cache); the time runs from the
 * navigation to OHIF's own "first image" mark. {@code bench.loads} loads per target
 * (default 10), alternating; prints and writes ({@code bench.out}) the medians and their
 * ratio. Needs the unpacked viewer ({@code STUDYGATE_VIEWER_DIR}, see bin/viewer).
 */
public final class OhifFirstImageBenchmark {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	public static void main(String[] args) throws Exception {
		Path viewer = Path.of(System.getProperty("bench.viewer", System.getenv("STUDYGATE_VIEWER_DIR")));
		int loads = Integer.getInteger("bench.loads", 10);
		Orthanc orthanc = Orthanc.shared();
		ConfigurableApplicationContext context = null;
		HttpServer direct = null;
		try (Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
			DicomFiles.Spec spec = DicomFiles.Spec.of("BENCHCT", "Bench^Ct").size(1, 200).side(512);
			orthanc.upload(DicomFiles.make(spec));
			orthanc.awaitStable(spec.studyInstanceUid());
			context = new SpringApplicationBuilder(StudygateApplication.class).run("--server.port=0",
					"--studygate.data-dir=" + System.getProperty("bench.dataDir", "target/bench-ohif"),
					"--studygate.db.embedded-clean=true", "--studygate.demo=false",
					"--studygate.admin-password=Bench-admin-1",
					"--studygate.two-factor.service-desk-exempt-for-tests=true",
					"--studygate.archive.url=" + orthanc.dicomWebUrl(), "--studygate.viewer.dir=" + viewer,
					"--logging.level.org.studygate.request=WARN", "--logging.level.org.studygate.archive=ERROR");
			String base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
			register(base, spec);
			direct = directServer(base, viewer, orthanc.restUrl());
			String directBase = "http://127.0.0.1:" + direct.getAddress().getPort();
			String path = "/viewer/viewer?StudyInstanceUIDs=" + spec.studyInstanceUid();
			Browser browser = playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of("/usr/bin/chromium"))
					.setHeadless(true)
					.setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
			List<Double> viaGateway = new ArrayList<>();
			List<Double> viaOrthanc = new ArrayList<>();
			firstImage(browser, base, path, true);
			firstImage(browser, directBase, path, false);
			for (int i = 0; i < loads; i++) {
				viaOrthanc.add(firstImage(browser, directBase, path, false));
				viaGateway.add(firstImage(browser, base, path, true));
			}
			browser.close();
			String report = report(viaGateway, viaOrthanc);
			System.out.println(report);
			String out = System.getProperty("bench.out");
			if (out != null) {
				Files.createDirectories(Path.of(out).getParent());
				Files.writeString(Path.of(out), report);
			}
		}
		finally {
			if (direct != null) {
				direct.stop(0);
			}
			if (context != null) {
				context.close();
			}
			orthanc.close();
		}
	}

	/** Milliseconds from navigation to OHIF's first drawn image, in a fresh context. */
	private static double firstImage(Browser browser, String base, String path, boolean signIn) {
		var browserContext = browser.newContext();
		Page page = browserContext.newPage();
		if (signIn) {
			page.navigate(base + "/login");
			page.fill("#username", "admin");
			page.fill("#password", "Bench-admin-1");
			page.click("#login");
			page.waitForURL("**/explore");
		}
		long[] drawn = { 0 };
		page.onConsoleMessage(message -> {
			if (message.text().startsWith("studyToFirstImage") && drawn[0] == 0) {
				drawn[0] = System.nanoTime();
			}
		});
		long start = System.nanoTime();
		page.navigate(base + path);
		long deadline = start + Duration.ofSeconds(120).toNanos();
		while (drawn[0] == 0 && System.nanoTime() < deadline) {
			page.waitForTimeout(20);
		}
		browserContext.close();
		if (drawn[0] == 0) {
			throw new IllegalStateException("no first image at " + base + path);
		}
		return (drawn[0] - start) / 1e6;
	}

	/**
	 * The same page and configuration as Studygate's, with Orthanc's DICOMweb behind it.
	 */
	private static HttpServer directServer(String studygate, Path viewer, String orthanc) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		String page = get(studygate + "/viewer/viewer");
		String boot = get(studygate + "/viewer/studygate-boot.js");
		String config = get(studygate + "/viewer/app-config.js").replace("'/dicomweb'", "'/dicom-web'");
		server.createContext("/viewer/", exchange -> {
			String file = exchange.getRequestURI().getPath().substring("/viewer/".length());
			if (file.equals("studygate-boot.js")) {
				send(exchange, 200, "text/javascript", boot.getBytes());
			}
			else if (file.equals("app-config.js")) {
				send(exchange, 200, "text/javascript", config.getBytes());
			}
			else if (file.isEmpty() || file.startsWith("viewer")) {
				send(exchange, 200, "text/html", page.getBytes());
			}
			else {
				Path target = viewer.resolve(file).normalize();
				boolean found = target.startsWith(viewer) && Files.isRegularFile(target);
				send(exchange, found ? 200 : 404, type(file), found ? Files.readAllBytes(target) : new byte[0]);
			}
		});
		server.createContext("/dicom-web/", exchange -> {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(orthanc + exchange.getRequestURI()));
			String accept = exchange.getRequestHeaders().getFirst("Accept");
			if (accept != null) {
				request.header("Accept", accept);
			}
			try {
				HttpResponse<byte[]> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
				send(exchange, answer.statusCode(),
						answer.headers().firstValue("Content-Type").orElse("application/octet-stream"), answer.body());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				send(exchange, 502, "text/plain", new byte[0]);
			}
		});
		server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
		server.start();
		return server;
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static String type(String file) {
		return file.endsWith(".js") ? "text/javascript"
				: file.endsWith(".css") ? "text/css"
						: file.endsWith(".wasm") ? "application/wasm" : file.endsWith(".json") ? "application/json"
								: file.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream";
	}

	private static String get(String url) throws IOException {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void register(String base, DicomFiles.Spec spec) throws IOException, InterruptedException {
		String token = HTTP
			.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"Bench-admin-1\"}"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body()
			.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		for (String[] call : new String[][] {
				{ "/api/v1/admin/departments",
						"{\"code\":\"BENCH\",\"name\":\"Bench radiology\",\"timeZone\":\"Europe/Brussels\"}" },
				{ "/api/v1/studies",
						"""
								{"studyInstanceUid":"%s","accessionNumber":"BENCHCT","departmentCode":"BENCH","studyDate":"2025-03-14",
								 "modality":"CT","description":"CT 200 slices","patient":{"patientId":"%s","name":"Bench^Ct",
								 "birthDate":"1970-05-17"}}
								"""
							.formatted(spec.studyInstanceUid(), spec.patientId()) } }) {
			HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + call[0]))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString(call[1]))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() >= 300) {
				throw new IllegalStateException(call[0] + " answered " + answer.statusCode());
			}
		}
	}

	private static String report(List<Double> gateway, List<Double> direct) {
		double g = median(gateway);
		double d = median(direct);
		return String.format(Locale.ROOT, """
				OHIF, time to first image, 200-slice CT (512×512), %d loads each, cold browser context
				| Target | median ms | loads ms |
				|---|---|---|
				| Orthanc directly | %.0f | %s |
				| Studygate gateway | %.0f | %s |
				ratio gateway/direct: %.2f
				""", gateway.size(), d, rounded(direct), g, rounded(gateway), g / d);
	}

	private static List<Long> rounded(List<Double> values) {
		return values.stream().map(Math::round).toList();
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

}
