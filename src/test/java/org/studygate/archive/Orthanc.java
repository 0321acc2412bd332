package org.studygate.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Orthanc with its DICOMweb plugin, on free loopback ports, with a temporary
 * configuration and storage: remote access off, a short StableAge. Started once and
 * shared by a test class or the whole run; {@link #stop()} and {@link #start()} let a
 * test take the archive down and bring it back with its studies.
 */
public final class Orthanc implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Orthanc shared;

	private final Path directory;

	private final int httpPort;

	private final int dicomPort;

	private final String aet;

	private final String servers;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Process process;

	private Orthanc(String aet, String servers) {
		try {
			this.directory = Files.createTempDirectory("orthanc-" + aet.toLowerCase());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.httpPort = freePort();
		this.dicomPort = freePort();
		this.aet = aet;
		this.servers = servers;
	}

	/** The archive every archive test of the run shares. */
	public static synchronized Orthanc shared() {
		if (shared == null) {
			shared = new Orthanc("ARCHIVE", "{}");
			shared.start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/**
	 * Another Orthanc, as a DICOMweb client: {@code servers} is its
	 * {@code DicomWeb.Servers} object.
	 */
	public static Orthanc client(String aet, String servers) {
		Orthanc orthanc = new Orthanc(aet, servers);
		orthanc.start();
		return orthanc;
	}

	public synchronized void start() {
		if (process != null && process.isAlive()) {
			return;
		}
		try {
			Path storage = directory.resolve("db");
			Files.createDirectories(storage);
			Path config = directory.resolve("orthanc.json");
			Files.writeString(config, """
					{
					  "Name": "%s",
					  "StorageDirectory": "%s",
					  "IndexDirectory": "%s",
					  "HttpPort": %d,
					  "DicomPort": %d,
					  "DicomAet": "%s",
					  "RemoteAccessAllowed": false,
					  "AuthenticationEnabled": false,
					  "StableAge": 1,
					  "HttpTimeout": 20,
					  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "EnableWado": false, "Servers": %s },
					  "Plugins": ["%s"]
					}
					""".formatted(aet, storage, storage, httpPort, dicomPort, aet, servers, plugin()));
			process = new ProcessBuilder(orthancBinary(), config.toString()).redirectErrorStream(true)
				.redirectOutput(directory.resolve("orthanc.log").toFile())
				.start();
			await("Orthanc started").atMost(Duration.ofSeconds(60))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.until(this::answers);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether the started server answers; fails at once when its process has ended. */
	private boolean answers() throws IOException, InterruptedException {
		try {
			if (http
				.send(HttpRequest.newBuilder(URI.create(restUrl() + "/system")).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200) {
				return true;
			}
		}
		catch (IOException ex) {
			// not listening yet
		}
		if (!process.isAlive()) {
			throw new IllegalStateException("Orthanc stopped: " + Files.readString(directory.resolve("orthanc.log")));
		}
		return false;
	}

	/**
	 * Stops the server, keeping its storage, so that {@link #start()} brings it back with
	 * its studies.
	 */
	public synchronized void stop() {
		if (process != null) {
			process.destroy();
			try {
				if (!process.waitFor(20, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			process = null;
		}
	}

	@Override
	public void close() {
		stop();
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind
		}
	}

	public String restUrl() {
		return "http://127.0.0.1:" + httpPort;
	}

	public String dicomWebUrl() {
		return restUrl() + "/dicom-web";
	}

	public int dicomPort() {
		return dicomPort;
	}

	public String aet() {
		return aet;
	}

	/** Stores files through the REST API (no sending AE title is recorded). */
	public void upload(List<Path> files) {
		for (Path file : files) {
			JsonNode answer = post("/instances", Files.exists(file) ? read(file) : new byte[0], "application/dicom");
			if (!answer.has("ID")) {
				throw new IllegalStateException("Orthanc refused " + file + ": " + answer);
			}
		}
	}

	/**
	 * Sends files by DICOM C-STORE with dcmtk's storescu, as a modality with this AE
	 * title would.
	 */
	public void send(String callingAet, List<Path> files) {
		send(callingAet, files, List.of());
	}

	/**
	 * Sends files by DICOM C-STORE with these storescu options too, e.g. {@code -R -xn}
	 * as a video modality proposes only the SOP classes of its files and its MPEG-4
	 * transfer syntax.
	 */
	public void send(String callingAet, List<Path> files, List<String> options) {
		List<String> command = new ArrayList<>(List.of("storescu"));
		command.addAll(options);
		command.addAll(List.of("-aet", callingAet, "-aec", aet, "127.0.0.1", Integer.toString(dicomPort)));
		files.forEach(file -> command.add(file.toString()));
		run(command);
	}

	/** Waits until the archive reports the study as stable (its StableAge passed). */
	public String awaitStable(String studyInstanceUid) {
		return await("study " + studyInstanceUid + " stable in the archive").atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> stableStudy(studyInstanceUid), id -> id != null);
	}

	/** The archive's id of the study when it is stable, else {@code null}. */
	private String stableStudy(String studyInstanceUid) {
		JsonNode found = post("/tools/lookup", studyInstanceUid.getBytes(), "text/plain");
		for (JsonNode resource : found) {
			if ("Study".equals(resource.path("Type").asString())) {
				String id = resource.path("ID").asString();
				if (get("/studies/" + id).path("IsStable").asBoolean(false)) {
					return id;
				}
			}
		}
		return null;
	}

	public JsonNode get(String path) {
		try {
			return getOnce(path);
		}
		catch (UncheckedIOException ex) {
			return getOnce(path);
		}
	}

	private JsonNode getOnce(String path) {
		try {
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(restUrl() + path)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A POST answered with JSON; an error answer comes back as {@code {"status": n,
	 * "body": ...}}. Sent again once when the connection breaks before an answer (Orthanc
	 * closes idle kept-alive connections, and the client may have picked one up just
	 * then).
	 */
	/** Deletes a resource through the REST API, e.g. {@code /studies/{id}}. */
	public void delete(String path) {
		try {
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(restUrl() + path))
				.timeout(Duration.ofSeconds(60))
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException("DELETE " + path + ": " + response.statusCode());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public JsonNode post(String path, byte[] body, String contentType) {
		try {
			return postOnce(path, body, contentType);
		}
		catch (UncheckedIOException ex) {
			return postOnce(path, body, contentType);
		}
	}

	private JsonNode postOnce(String path, byte[] body, String contentType) {
		try {
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(restUrl() + path))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", contentType)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() >= 300) {
				return JSON.createObjectNode()
					.put("status", response.statusCode())
					.put("body", new String(response.body()));
			}
			return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String orthancBinary() {
		return Files.isExecutable(Path.of("/usr/sbin/Orthanc")) ? "/usr/sbin/Orthanc" : "Orthanc";
	}

	private static String plugin() {
		for (String candidate : List.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so",
				"/usr/lib/orthanc/libOrthancDicomWeb.so")) {
			if (Files.exists(Path.of(candidate))) {
				return candidate;
			}
		}
		try (Stream<Path> files = Files.list(Path.of("/usr/lib/orthanc"))) {
			return files.filter(f -> f.getFileName().toString().startsWith("libOrthancDicomWeb.so"))
				.findFirst()
				.map(Path::toString)
				.orElseThrow(() -> new IllegalStateException("the orthanc-dicomweb package is not installed"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("the orthanc-dicomweb package is not installed", ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
