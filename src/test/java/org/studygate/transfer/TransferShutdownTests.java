package org.studygate.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.access.AccessControl;
import org.studygate.archive.ArchiveFiles;
import org.studygate.archive.ArchiveIngestion;
import org.studygate.archive.DicomFiles;
import org.studygate.archive.Orthanc;
import org.studygate.department.ArchiveMatching;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.directory.Directory;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The forward worker at shutdown (decision 046): stopped while a STOW-RS forward runs, it
 * gives the job back at the next instance sent, queued and due at once with its progress
 * and without counting the attempt; the next worker takes it at once, not after the
 * lease, and sends only the instances left. Workers of their own on the context's beans,
 * the run's Orthanc as the archive, a slow STOW-RS service as the destination.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TransferShutdownTests {

	static final Orthanc ARCHIVE = Orthanc.shared();

	@DynamicPropertySource
	static void archive(DynamicPropertyRegistry registry) {
		registry.add("studygate.archive.url", ARCHIVE::dicomWebUrl);
		registry.add("studygate.archive.poll-initial-delay", () -> "PT1000H");
		registry.add("studygate.archive.timeout", () -> "PT5S");
		// the context's own worker stays off: the test runs its own
		registry.add("studygate.transfer.enabled", () -> "false");
		registry.add("studygate.transfer.allowed-hosts", () -> "127.0.0.1");
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Departments departments;

	@Autowired
	ArchiveIngestion ingestion;

	@Autowired
	Studies studies;

	@Autowired
	TransferStore store;

	@Autowired
	Destinations destinations;

	@Autowired
	ArchiveFiles archive;

	@Autowired
	AccessControl access;

	@Autowired
	Directory directory;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** A STOW-RS service that takes its time over each instance, counting them. */
	HttpServer slowPacs;

	final AtomicInteger stored = new AtomicInteger();

	Department radiology;

	UserId radiologist;

	UserId admin;

	StudyId study;

	@BeforeEach
	void aStudyInTheArchiveAndASlowDestination() throws IOException {
		slowPacs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		slowPacs.createContext("/dicomweb/studies", exchange -> {
			try (InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
				Thread.sleep(700);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			stored.incrementAndGet();
			byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		slowPacs.start();
		String aet = "S" + Fixtures.unique();
		radiology = fixtures.department("Radiology Shutdown");
		departments.changeSettings(Actor.systemOperator("test"), radiology.code().value(),
				settings -> settings.withArchive(new ArchiveMatching(List.of(aet), List.of())));
		radiologist = fixtures.sourceUser(radiology, "Radiologist Shutdown");
		admin = fixtures.sourceAdmin(radiology, "Admin Shutdown");
		DicomFiles.Spec spec = DicomFiles.Spec.of("SD" + Fixtures.unique(), "Shutdown^Patient").size(2, 3).side(64);
		ARCHIVE.send(aet, DicomFiles.make(spec));
		ARCHIVE.awaitStable(spec.studyInstanceUid());
		study = await("study ingested").atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				ingestion.poll();
				return studies.findIdByUid(spec.studyInstanceUid());
			}, Optional::isPresent)
			.orElseThrow();
	}

	@AfterEach
	void stopPacs() {
		slowPacs.stop(0);
	}

	@Test
	void aForwardRunningAtShutdownIsGivenBackWithItsProgressAndResumedAtOnce() throws Exception {
		String destination = post("/api/v1/departments/" + radiology.id().value() + "/transfer-destinations", admin,
				"{\"name\":\"Slow PACS\",\"url\":\"http://127.0.0.1:" + slowPacs.getAddress().getPort()
						+ "/dicomweb\"}");
		UUID transfer = UUID.fromString(post("/api/v1/studies/" + study.value() + "/transfers", radiologist,
				"{\"destinationId\":\"" + destination + "\"}"));
		TransferWorker stopping = worker();
		stopping.start();
		stopping.tick();
		await("a forward under way").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> (Integer) row(transfer).get("instances_done") >= 1);

		stopping.stop();

		Map<String, Object> given = row(transfer);
		assertThat(given.get("state")).isEqualTo("QUEUED");
		assertThat(given.get("lease_until")).isNull();
		assertThat(given.get("attempts")).as("the paused attempt is not counted").isEqualTo(0);
		int done = (Integer) given.get("instances_done");
		assertThat(done).isBetween(1, 5);
		assertThat(stored.get()).as("the progress recorded is what the destination has").isEqualTo(done);
		assertThat(((java.sql.Timestamp) given.get("next_attempt_at")).toInstant()).isBeforeOrEqualTo(Instant.now());
		assertThat(stopping.isRunning()).isFalse();

		// the same worker started again (a stopped context may be started again): new
		// workers, attempts no longer pausing
		TransferWorker next = stopping;
		next.start();
		next.tick();
		try {
			await("resumed and done").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> "DONE".equals(row(transfer).get("state")));
		}
		finally {
			next.stop();
		}
		assertThat(row(transfer).get("instances_done")).isEqualTo(6);
		assertThat(row(transfer).get("attempts")).isEqualTo(1);
		assertThat(stored.get()).as("no instance sent twice").isEqualTo(6);
	}

	/**
	 * A worker of its own, enabled, with a lease far longer than the test: a job taken
	 * again before it runs out was given back, not lost.
	 */
	private TransferWorker worker() {
		TransferProperties properties = new TransferProperties(3, Duration.ofSeconds(30), Duration.ofMinutes(10),
				Duration.ofSeconds(2), 1, Duration.ofSeconds(10), true, List.of("127.0.0.1"));
		ForwardAttempt attempt = new ForwardAttempt(store, destinations, archive, studies, access, directory, events,
				fixtures.clock(), transactions, properties);
		return new TransferWorker(store, attempt, fixtures.clock(), transactions, properties);
	}

	private Map<String, Object> row(UUID transfer) {
		return jdbc.sql(
				"select state, attempts, instances_done, lease_until, next_attempt_at from transfer.job where id = :id")
			.param("id", transfer)
			.query()
			.singleRow();
	}

	private String post(String path, UserId user, String body) throws Exception {
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", fixtures.bearer(user))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json.readTree(created.body()).path("id").asString();
	}

}
