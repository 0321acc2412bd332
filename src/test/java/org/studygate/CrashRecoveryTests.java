package org.studygate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Studygate with its embedded database, run as a child JVM and killed: the next start on
 * the same data directory stops the orphan server and comes up; a killed database server
 * is started again by the running application; a second application on the directory is
 * refused; SIGTERM leaves no server behind. Every study view answered 200 has its
 * access-log entry afterwards, and the chain verifies
 * (docs/decisions/043-crash-safe-embedded-database.md).
 */
class CrashRecoveryTests {

	static final String ADMIN = "admin.north@demo.studygate.test";

	static final String DESK = "desk@demo.studygate.test";

	@TempDir
	Path dataDir;

	final List<StudygateProcess> started = new ArrayList<>();

	/** Study id to the number of views of it answered 200. */
	final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();

	@AfterEach
	void stopEverything() throws Exception {
		for (StudygateProcess app : this.started) {
			app.close();
		}
		OrphanServer.stopIfRunning(this.dataDir.resolve("postgres"));
		// the applications' output, kept for a look after the run
		Path kept = Files.createDirectories(Path.of("target", "crash-recovery"));
		for (StudygateProcess app : this.started) {
			Files.copy(app.output, kept.resolve(app.output.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Test
	void survivesAKilledApplicationAndAKilledDatabaseServer() throws Exception {
		Instant loadStart = Instant.now();
		StudygateProcess first = startHealthy();

		StudygateProcess second = start();
		assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("the second application ends").isTrue();
		assertThat(second.process.exitValue()).isNotZero();
		assertThat(second.log()).contains("Another Studygate application is running on the data directory")
			.contains("STUDYGATE_DATA_DIR")
			.doesNotContain("at org.studygate.DataDirectoryLock");
		assertThat(first.healthy()).isTrue();

		long orphanPid = postmaster().pid();
		viewStudiesWhile(first, () -> {
			first.process.destroyForcibly();
			first.process.waitFor(30, TimeUnit.SECONDS);
		});
		assertThat(PostmasterFile.running(orphanPid)).as("the server outlives its killed application").isTrue();

		StudygateProcess restarted = startHealthy();
		assertThat(restarted.log()).contains("Found the embedded PostgreSQL (process " + orphanPid + ",");
		assertThat(PostmasterFile.running(orphanPid)).isFalse();
		assertEveryAnsweredViewLogged(loadStart);

		long killedPid = postmaster().pid();
		viewStudiesWhile(restarted, () -> ProcessHandle.of(killedPid).ifPresent(ProcessHandle::destroyForcibly));
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> restarted.healthy() && postmaster().pid() != killedPid);
		assertThat(restarted.log()).contains("The embedded PostgreSQL (process " + killedPid + ") has stopped");
		assertEveryAnsweredViewLogged(loadStart);
		assertChainVerifies(restarted);

		long lastPid = postmaster().pid();
		restarted.process.destroy();
		assertThat(restarted.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(PostmasterFile.running(lastPid)).as("SIGTERM leaves no server behind").isFalse();
		assertThat(Files.exists(this.dataDir.resolve("postgres").resolve(PostmasterFile.NAME))).isFalse();
	}

	private StudygateProcess start() throws IOException {
		StudygateProcess app = StudygateProcess.start(this.dataDir,
				this.dataDir.resolve("application-" + this.started.size() + ".log"));
		this.started.add(app);
		return app;
	}

	private StudygateProcess startHealthy() throws IOException {
		StudygateProcess app = start();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!app.process.isAlive()) {
				throw new AssertionError("the application ended:\n" + tail(app));
			}
			return app.healthy();
		});
		return app;
	}

	private PostmasterFile postmaster() {
		return PostmasterFile.read(this.dataDir.resolve("postgres")).orElseThrow();
	}

	/**
	 * Three clients view studies; once some views were answered, {@code crash} runs while
	 * they go on, and they stop a few seconds later.
	 */
	private void viewStudiesWhile(StudygateProcess app, ThrowingRunnable crash) throws Exception {
		String token = app.token(ADMIN);
		List<String> studies = new ArrayList<>();
		for (JsonNode item : app.getJson("/api/v1/studies?limit=50", token).get("items")) {
			studies.add(item.get("id").asString());
		}
		assertThat(studies).isNotEmpty();
		AtomicBoolean stop = new AtomicBoolean();
		LongAdder views = new LongAdder();
		ExecutorService clients = Executors.newFixedThreadPool(3);
		for (int c = 0; c < 3; c++) {
			int offset = c;
			clients.submit(() -> view(app, token, studies, offset, stop, views));
		}
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> views.sum() >= 30);
			crash.run();
			Thread.sleep(3000);
		}
		finally {
			stop.set(true);
			clients.shutdown();
			clients.awaitTermination(60, TimeUnit.SECONDS);
		}
	}

	private void view(StudygateProcess app, String token, List<String> studies, int offset, AtomicBoolean stop,
			LongAdder views) {
		for (int i = offset; !stop.get(); i++) {
			String study = studies.get(i % studies.size());
			try {
				HttpResponse<String> answer = app.get("/api/v1/studies/" + study, token);
				if (answer.statusCode() == 200) {
					this.answered.computeIfAbsent(study, s -> new AtomicInteger()).incrementAndGet();
					views.increment();
				}
			}
			catch (IOException ex) {
				// the application or its database is down: this view was not answered
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void assertEveryAnsweredViewLogged(Instant since) throws Exception {
		assertThat(this.answered).isNotEmpty();
		try (Connection connection = StudygateProcess.database(this.dataDir);
				PreparedStatement count = connection.prepareStatement("select count(*) from audit.entry"
						+ " where study_id = cast(? as uuid) and channel = 'API' and outcome = 'SUCCESS' and at >= ?")) {
			for (Map.Entry<String, AtomicInteger> study : this.answered.entrySet()) {
				count.setString(1, study.getKey());
				count.setTimestamp(2, Timestamp.from(since));
				try (ResultSet rows = count.executeQuery()) {
					rows.next();
					assertThat(rows.getLong(1)).as("access-log entries of study %s", study.getKey())
						.isGreaterThanOrEqualTo(study.getValue().get());
				}
			}
		}
	}

	private void assertChainVerifies(StudygateProcess app) throws Exception {
		String token = app.token(DESK);
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			JsonNode report = app.getJson("/api/v1/admin/audit/verify", token);
			assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
			assertThat(report.get("linksChecked").asLong()).isPositive();
		});
	}

	private static String tail(StudygateProcess app) {
		try {
			String log = app.log();
			return log.substring(Math.max(0, log.length() - 4000));
		}
		catch (IOException ex) {
			return "(no output)";
		}
	}

	interface ThrowingRunnable {

		void run() throws Exception;

	}

}
