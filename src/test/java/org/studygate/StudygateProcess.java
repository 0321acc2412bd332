package org.studygate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.postgresql.ds.PGSimpleDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Studygate run as a child JVM on a data directory with the embedded database and the
 * demo data, as {@code bin/run} runs it: for the tests that kill it.
 */
final class StudygateProcess implements AutoCloseable {

	static final String PASSWORD = "Demo-pass-1";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final Process process;

	final Path output;

	final int port;

	private StudygateProcess(Process process, Path output, int port) {
		this.process = process;
		this.output = output;
		this.port = port;
	}

	/** Starts an application on {@code dataDir}; its output goes to {@code output}. */
	static StudygateProcess start(Path dataDir, Path output) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
				"-Dstudygate.db.fsync=" + System.getProperty("studygate.db.fsync", "on"),
				// the tests sign the demo service desk in with a password alone (decision
				// 065)
				"-Dstudygate.two-factor.service-desk-exempt-for-tests=true", "-cp",
				System.getProperty("java.class.path"), StudygateApplication.class.getName()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
		builder.environment().remove("STUDYGATE_DB_URL");
		builder.environment().put("STUDYGATE_DATA_DIR", dataDir.toString());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("STUDYGATE_DEMO", "true");
		return new StudygateProcess(builder.start(), output, port);
	}

	String log() throws IOException {
		return Files.readString(this.output);
	}

	boolean healthy() {
		try {
			HttpResponse<String> answer = http.send(request("/actuator/health", null).build(),
					HttpResponse.BodyHandlers.ofString());
			return answer.statusCode() == 200 && answer.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	String token(String username) throws IOException, InterruptedException {
		String body = json.writeValueAsString(java.util.Map.of("username", username, "password", PASSWORD));
		HttpResponse<String> answer = http
			.send(request("/api/v1/auth/token", null).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("no token for " + username + ": " + answer.statusCode());
		}
		return json.readTree(answer.body()).get("token").asString();
	}

	/** Status and body of an authenticated GET. */
	HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	JsonNode getJson(String path, String token) throws IOException, InterruptedException {
		HttpResponse<String> answer = get(path, token);
		if (answer.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + answer.statusCode());
		}
		return json.readTree(answer.body());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20));
		return token == null ? builder : builder.header("Authorization", "Bearer " + token);
	}

	/** A superuser connection to the embedded server of {@code dataDir}. */
	static Connection database(Path dataDir) throws SQLException {
		PostmasterFile file = PostmasterFile.read(dataDir.resolve("postgres"))
			.orElseThrow(() -> new IllegalStateException("no running embedded server in " + dataDir));
		PGSimpleDataSource source = new PGSimpleDataSource();
		source.setServerNames(new String[] { "localhost" });
		source.setPortNumbers(new int[] { file.port() });
		source.setDatabaseName("postgres");
		source.setUser("postgres");
		return source.getConnection();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
	}

}
