package org.studygate.transfer;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.access.GrantOrigin;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.access.NewGrant;
import org.studygate.access.SubjectType;
import org.studygate.archive.ArchiveFiles;
import org.studygate.archive.ArchiveIngestion;
import org.studygate.archive.DicomFiles;
import org.studygate.archive.Orthanc;
import org.studygate.department.ArchiveMatching;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Forward and download against real peers: the run's Orthanc as the archive, dcmtk's
 * storescp as a local PACS reached by C-STORE through the archive, a second Orthanc as a
 * STOW-RS destination; a destination that is down, a job whose application stopped,
 * cancelling, refusals and IDOR.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TransferTests {

	static final Orthanc ARCHIVE = Orthanc.shared();

	static Orthanc stowTarget;

	static final Storescp PACS = new Storescp("LOCALPACS");

	@DynamicPropertySource
	static void archive(DynamicPropertyRegistry registry) {
		registry.add("studygate.archive.url", ARCHIVE::dicomWebUrl);
		registry.add("studygate.archive.poll-initial-delay", () -> "PT1000H");
		registry.add("studygate.archive.timeout", () -> "PT5S");
		registry.add("studygate.transfer.poll-interval", () -> "PT0.2S");
		registry.add("studygate.transfer.backoff", () -> "PT0.3S");
		registry.add("studygate.transfer.max-attempts", () -> "2");
		registry.add("studygate.transfer.lease", () -> "PT20S");
		registry.add("studygate.transfer.enabled", () -> "true");
		// users' own destinations here point at the loopback storescp: allowed explicitly
		// (decision 033)
		registry.add("studygate.transfer.allowed-hosts", () -> "127.0.0.1");
	}

	@AfterAll
	static void stopPeers() {
		PACS.close();
		if (stowTarget != null) {
			stowTarget.close();
		}
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
	Grants grants;

	@Autowired
	ArchiveFiles archiveFiles;

	@Autowired
	TransferWorker worker;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Department radiology;

	Department cardiology;

	UserId radiologist;

	UserId admin;

	UserId stranger;

	StudyId study;

	String studyUid;

	@BeforeEach
	void aDepartmentWithAStudyInTheArchive() {
		String aet = "T" + Fixtures.unique();
		radiology = fixtures.department("Radiology Transfers");
		departments.changeSettings(Actor.systemOperator("test"), radiology.code().value(),
				settings -> settings.withArchive(new ArchiveMatching(List.of(aet), List.of())));
		cardiology = fixtures.department("Cardiology Transfers");
		radiologist = fixtures.sourceUser(radiology, "Radiologist Transfer");
		admin = fixtures.sourceAdmin(radiology, "Admin Transfer");
		stranger = fixtures.sourceUser(cardiology, "Cardiologist Transfer");
		DicomFiles.Spec spec = DicomFiles.Spec.of("TR" + Fixtures.unique(), "Transfer^Patient").size(2, 3).side(64);
		ARCHIVE.send(aet, DicomFiles.make(spec));
		ARCHIVE.awaitStable(spec.studyInstanceUid());
		studyUid = spec.studyInstanceUid();
		study = await("study " + studyUid + " ingested").atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				ingestion.poll();
				return studies.findIdByUid(studyUid);
			}, Optional::isPresent)
			.orElseThrow();
	}

	// ------------------------------------------------------------------ helpers

	HttpResponse<byte[]> call(String method, String path, UserId user, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", fixtures.bearer(user))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	JsonNode jsonOf(HttpResponse<byte[]> response) {
		return json.readTree(response.body());
	}

	String departmentDestination(String body) throws Exception {
		HttpResponse<byte[]> created = call("POST",
				"/api/v1/departments/" + radiology.id().value() + "/transfer-destinations", admin, body);
		assertThat(created.statusCode()).as(new String(created.body())).isEqualTo(201);
		return jsonOf(created).path("id").asString();
	}

	String forward(String destinationId) throws Exception {
		HttpResponse<byte[]> created = call("POST", "/api/v1/studies/" + study.value() + "/transfers", radiologist,
				"{\"destinationId\":\"" + destinationId + "\"}");
		assertThat(created.statusCode()).as(new String(created.body())).isEqualTo(201);
		assertThat(created.headers().firstValue("Location").orElseThrow()).startsWith("/api/v1/transfers/");
		return jsonOf(created).path("id").asString();
	}

	JsonNode awaitEnd(String transferId, UserId user) {
		return await("transfer " + transferId + " ended").atMost(Duration.ofSeconds(120))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> jsonOf(call("GET", "/api/v1/transfers/" + transferId, user, null)),
					view -> view.path("state").asString().equals("DONE")
							|| view.path("state").asString().equals("FAILED"));
	}

	int auditCount(String action, String outcome) {
		return jdbc
			.sql("select count(*) from audit.entry where study_id = :study and action = :action and outcome = :outcome")
			.param("study", study.value())
			.param("action", action)
			.param("outcome", outcome)
			.query(Integer.class)
			.single();
	}

	Map<String, byte[]> archiveFilesBySop() throws Exception {
		Map<String, byte[]> files = new HashMap<>();
		for (ArchiveFiles.Instance instance : archiveFiles.instances(studyUid)) {
			try (ArchiveFiles.Body body = archiveFiles.file(instance)) {
				files.put(instance.sopInstanceUid(), body.stream().readAllBytes());
			}
		}
		return files;
	}

	// ------------------------------------------------------------------ forward

	@Test
	void forwardsByCStoreThroughTheArchiveToALocalPacsAndTheFilesArriveByteIdentical() throws Exception {
		String destination = departmentDestination(
				"{\"name\":\"Local PACS\",\"aeTitle\":\"LOCALPACS\",\"host\":\"127.0.0.1\",\"port\":" + PACS.port
						+ "}");
		String transfer = forward(destination);

		JsonNode ended = awaitEnd(transfer, radiologist);

		assertThat(ended.path("state").asString()).as(ended.toString()).isEqualTo("DONE");
		assertThat(ended.path("instancesDone").asInt()).isEqualTo(6);
		assertThat(ended.path("instancesTotal").asInt()).isEqualTo(6);
		Map<String, byte[]> archived = archiveFilesBySop();
		int matched = 0;
		for (Path received : PACS.received()) {
			String name = received.getFileName().toString();
			for (Map.Entry<String, byte[]> entry : archived.entrySet()) {
				if (name.contains(entry.getKey())) {
					assertThat(Storescp.dataSet(Files.readAllBytes(received)))
						.isEqualTo(Storescp.dataSet(entry.getValue()));
					matched++;
				}
			}
		}
		assertThat(matched).isEqualTo(6);
		assertThat(auditCount("FORWARD_REQUESTED", "SUCCESS")).isEqualTo(1);
		assertThat(auditCount("FORWARDED", "SUCCESS")).isEqualTo(1);
	}

	static synchronized Orthanc stowTarget() {
		if (stowTarget == null) {
			stowTarget = Orthanc.client("STOWTARGET", "{}");
		}
		return stowTarget;
	}

	@Test
	void aStowRsJobLeftRunningResumesWhereItsProgressStood() throws Exception {
		String destination = departmentDestination(
				"{\"name\":\"Second Orthanc\",\"url\":\"" + stowTarget().dicomWebUrl() + "\"}");
		UUID id = strandedJob(destination, 1);

		JsonNode ended = awaitEnd(id.toString(), radiologist);

		assertThat(ended.path("state").asString()).as(ended.toString()).isEqualTo("DONE");
		assertThat(ended.path("instancesDone").asInt()).isEqualTo(6);
		// the two instances the stopped attempt had reported were not sent again
		JsonNode found = stowTarget.post("/tools/find",
				("{\"Level\":\"Instance\",\"Query\":{\"StudyInstanceUID\":\"" + studyUid + "\"}}").getBytes(),
				"application/json");
		assertThat(found.size()).isEqualTo(4);
	}

	@Test
	void forwardsByStowRsStraightToASecondOrthanc() throws Exception {
		stowTarget();
		String destination = departmentDestination(
				"{\"name\":\"Second Orthanc\",\"url\":\"" + stowTarget.dicomWebUrl() + "\"}");
		String transfer = forward(destination);

		JsonNode ended = awaitEnd(transfer, radiologist);

		assertThat(ended.path("state").asString()).as(ended.toString()).isEqualTo("DONE");
		assertThat(ended.path("instancesDone").asInt()).isEqualTo(6);
		JsonNode found = stowTarget.post("/tools/find",
				("{\"Level\":\"Instance\",\"Query\":{\"StudyInstanceUID\":\"" + studyUid + "\"}}").getBytes(),
				"application/json");
		assertThat(found.size()).isEqualTo(6);
		Map<String, byte[]> archived = archiveFilesBySop();
		for (JsonNode id : found) {
			String sop = stowTarget.get("/instances/" + id.asString())
				.path("MainDicomTags")
				.path("SOPInstanceUID")
				.asString();
			byte[] stored = fetch(stowTarget.restUrl() + "/instances/" + id.asString() + "/file");
			assertThat(Storescp.dataSet(stored)).isEqualTo(Storescp.dataSet(archived.get(sop)));
		}
	}

	byte[] fetch(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
			.body();
	}

	@Test
	void aDestinationThatIsDownFailsAfterTheRetriesWithTheErrorShown() throws Exception {
		int closed = Storescp.freePort();
		String destination = departmentDestination(
				"{\"name\":\"Down PACS\",\"aeTitle\":\"DOWN\",\"host\":\"127.0.0.1\",\"port\":" + closed + "}");
		String transfer = forward(destination);

		JsonNode ended = awaitEnd(transfer, radiologist);

		assertThat(ended.path("state").asString()).isEqualTo("FAILED");
		assertThat(ended.path("attempts").asInt()).isEqualTo(2);
		assertThat(ended.path("error").asString()).isNotBlank();
		assertThat(auditCount("FORWARD_FAILED", "FAILURE")).isEqualTo(1);
		JsonNode tab = jsonOf(call("GET", "/api/v1/studies/" + study.value() + "/access", admin, null));
		JsonNode row = tab.path("transfers").path(0);
		assertThat(row.path("id").asString()).isEqualTo(transfer);
		assertThat(row.path("state").asString()).isEqualTo("FAILED");
		assertThat(row.path("error").asString()).isEqualTo(ended.path("error").asString());
	}

	@Test
	void aJobLeftRunningByAStoppedApplicationIsTakenAgainAndCompletes() throws Exception {
		String destination = departmentDestination(
				"{\"name\":\"Local PACS\",\"aeTitle\":\"LOCALPACS\",\"host\":\"127.0.0.1\",\"port\":" + PACS.port
						+ "}");
		UUID id = strandedJob(destination, 1);

		JsonNode ended = awaitEnd(id.toString(), radiologist);

		assertThat(ended.path("state").asString()).as(ended.toString()).isEqualTo("DONE");
		assertThat(ended.path("attempts").asInt()).isEqualTo(2);
		assertThat(ended.path("instancesDone").asInt()).isEqualTo(6);
	}

	@Test
	void aJobLeftRunningWithoutAttemptsLeftFailsWithTheReason() throws Exception {
		String destination = departmentDestination(
				"{\"name\":\"Local PACS\",\"aeTitle\":\"LOCALPACS\",\"host\":\"127.0.0.1\",\"port\":" + PACS.port
						+ "}");
		UUID id = strandedJob(destination, 2);

		JsonNode ended = awaitEnd(id.toString(), radiologist);

		assertThat(ended.path("state").asString()).isEqualTo("FAILED");
		assertThat(ended.path("error").asString()).contains("application stopped");
		assertThat(auditCount("FORWARD_FAILED", "FAILURE")).isEqualTo(1);
	}

	@Test
	void aWaitingForwardWhoseRequesterLostAccessFailsAtItsNextAttempt() throws Exception {
		String destination = departmentDestination(
				"{\"name\":\"Local PACS\",\"aeTitle\":\"LOCALPACS\",\"host\":\"127.0.0.1\",\"port\":" + PACS.port
						+ "}");
		UUID id = strandedJob(destination, 1);
		jdbc.sql("delete from directory.group_membership where user_id = :user")
			.param("user", radiologist.value())
			.update();

		JsonNode ended = awaitEnd(id.toString(), admin);

		assertThat(ended.path("state").asString()).as(ended.toString()).isEqualTo("FAILED");
		assertThat(ended.path("error").asString()).contains("may no longer forward");
		assertThat(ended.path("instancesDone").asInt()).isEqualTo(2);
		assertThat(auditCount("FORWARD_FAILED", "FAILURE")).isEqualTo(1);
	}

	/**
	 * A job as a stopped application leaves it: RUNNING, its lease run out, part of the
	 * study sent.
	 */
	UUID strandedJob(String destination, int attempts) {
		UUID id = UUID.randomUUID();
		Timestamp past = Timestamp.from(fixtures.clock().instant().minusSeconds(120));
		jdbc.sql(
				"""
						insert into transfer.job (id, study_id, department_id, user_id, user_name, kind, destination_id, target,
						                          state, instances_done, instances_total, attempts, requested_at, started_at, lease_until)
						values (:id, :study, :department, :user, 'Radiologist Transfer', 'FORWARD', :destination, 'Local PACS',
						        'RUNNING', 2, 6, :attempts, :past, :past, :past)
						""")
			.param("id", id)
			.param("study", study.value())
			.param("department", radiology.id().value())
			.param("user", radiologist.value())
			.param("destination", UUID.fromString(destination))
			.param("attempts", attempts)
			.param("past", past)
			.update();
		return id;
	}

	@Test
	void aQueuedForwardIsCancelled() throws Exception {
		String destination = departmentDestination(
				"{\"name\":\"Local PACS\",\"aeTitle\":\"LOCALPACS\",\"host\":\"127.0.0.1\",\"port\":" + PACS.port
						+ "}");
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into transfer.job (id, study_id, department_id, user_id, user_name, kind, destination_id, target,
				                          state, requested_at, next_attempt_at)
				values (:id, :study, :department, :user, 'Radiologist Transfer', 'FORWARD', :destination, 'Local PACS',
				        'QUEUED', now(), now() + interval '1 hour')
				""")
			.param("id", id)
			.param("study", study.value())
			.param("department", radiology.id().value())
			.param("user", radiologist.value())
			.param("destination", UUID.fromString(destination))
			.update();

		HttpResponse<byte[]> cancelled = call("POST", "/api/v1/transfers/" + id + "/cancel", radiologist, null);

		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(jsonOf(cancelled).path("state").asString()).isEqualTo("FAILED");
		assertThat(jsonOf(cancelled).path("error").asString()).startsWith("cancelled by");
		assertThat(call("POST", "/api/v1/transfers/" + id + "/cancel", radiologist, null).statusCode()).isEqualTo(409);
		assertThat(auditCount("FORWARD_CANCELLED", "SUCCESS")).isEqualTo(1);
	}

	// ------------------------------------------------------------------ download

	@Test
	void downloadsTheStudyAsAZipOfTheArchivesFilesAndLogsTheFormat() throws Exception {
		HttpResponse<java.io.InputStream> response = http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/studies/" + study.value() + "/download"))
			.header("Authorization", fixtures.bearer(radiologist))
			.build(), HttpResponse.BodyHandlers.ofInputStream());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/zip");
		Map<String, byte[]> archived = archiveFilesBySop();
		int entries = 0;
		try (ZipInputStream zip = new ZipInputStream(response.body())) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				String sop = entry.getName().substring(entry.getName().indexOf('/') + 1).replace(".dcm", "");
				assertThat(zip.readAllBytes()).isEqualTo(archived.get(sop));
				entries++;
			}
		}
		assertThat(entries).isEqualTo(6);
		assertThat(jdbc
			.sql("""
					select count(*) from audit.entry where study_id = :study and action = 'DOWNLOADED' and details->>'format' = 'dicom'
					""")
			.param("study", study.value())
			.query(Integer.class)
			.single()).isEqualTo(1);
		JsonNode tab = jsonOf(call("GET", "/api/v1/studies/" + study.value() + "/access", admin, null));
		assertThat(tab.path("transfers").path(0).path("kind").asString()).isEqualTo("DOWNLOAD");
		assertThat(tab.path("transfers").path(0).path("state").asString()).isEqualTo("DONE");
		assertThat(tab.path("transfers").path(0).path("instancesDone").asInt()).isEqualTo(6);
	}

	@Test
	void downloadsRenderedJpegImages() throws Exception {
		HttpResponse<byte[]> response = call("GET", "/api/v1/studies/" + study.value() + "/download?format=jpeg",
				radiologist, null);

		assertThat(response.statusCode()).isEqualTo(200);
		int entries = 0;
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				byte[] image = zip.readAllBytes();
				assertThat(entry.getName()).endsWith(".jpg");
				assertThat(image[0] & 0xFF).isEqualTo(0xFF);
				assertThat(image[1] & 0xFF).isEqualTo(0xD8);
				entries++;
			}
		}
		assertThat(entries).isEqualTo(6);
		assertThat(call("GET", "/api/v1/studies/" + study.value() + "/download?format=bmp", radiologist, null)
			.statusCode()).isEqualTo(400);
	}

	// ------------------------------------------------------------------ refusals

	@Test
	void anotherDepartmentsUserCannotForwardDownloadOrReadATransferAndIsLogged() throws Exception {
		String destination = departmentDestination(
				"{\"name\":\"Local PACS\",\"aeTitle\":\"LOCALPACS\",\"host\":\"127.0.0.1\",\"port\":" + PACS.port
						+ "}");
		String transfer = forward(destination);

		assertThat(call("POST", "/api/v1/studies/" + study.value() + "/transfers", stranger,
				"{\"destinationId\":\"" + destination + "\"}")
			.statusCode()).isEqualTo(404);
		assertThat(call("GET", "/api/v1/studies/" + study.value() + "/download", stranger, null).statusCode())
			.isEqualTo(404);
		assertThat(call("GET", "/api/v1/transfers/" + transfer, stranger, null).statusCode()).isEqualTo(404);
		assertThat(call("POST", "/api/v1/transfers/" + transfer + "/cancel", stranger, null).statusCode())
			.isEqualTo(404);

		assertThat(auditCount("FORWARD", "DENIED")).isEqualTo(1);
		assertThat(auditCount("DOWNLOAD", "DENIED")).isEqualTo(1);
		assertThat(auditCount("MANAGE_ACCESS", "DENIED")).isEqualTo(2);
	}

	@Test
	void aUserWhoMaySeeButNotTransferIsRefusedAndLogged() throws Exception {
		UserId viewer = fixtures.user("Viewer Only");
		grants.grant(Actor.systemOperator("test"), study, new NewGrant(SubjectType.USER, viewer.value(),
				GrantScope.IMAGES, false, false, null, null, GrantOrigin.RULE));
		String destination = departmentDestination(
				"{\"name\":\"Local PACS\",\"aeTitle\":\"LOCALPACS\",\"host\":\"127.0.0.1\",\"port\":" + PACS.port
						+ "}");

		assertThat(call("POST", "/api/v1/studies/" + study.value() + "/transfers", viewer,
				"{\"destinationId\":\"" + destination + "\"}")
			.statusCode()).isEqualTo(403);
		assertThat(call("GET", "/api/v1/studies/" + study.value() + "/download", viewer, null).statusCode())
			.isEqualTo(403);

		assertThat(auditCount("FORWARD", "DENIED")).isEqualTo(1);
		assertThat(auditCount("DOWNLOAD", "DENIED")).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from transfer.job where study_id = :study")
			.param("study", study.value())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void anotherDepartmentsDestinationIsNotOfferedAndTheAttemptLogged() throws Exception {
		UserId cardiologyAdmin = fixtures.sourceAdmin(cardiology, "Cardiology Admin");
		HttpResponse<byte[]> theirs = call("POST",
				"/api/v1/departments/" + cardiology.id().value() + "/transfer-destinations", cardiologyAdmin,
				"{\"name\":\"Their PACS\",\"aeTitle\":\"THEIRS\",\"host\":\"127.0.0.1\",\"port\":104}");
		assertThat(theirs.statusCode()).isEqualTo(201);

		HttpResponse<byte[]> refused = call("POST", "/api/v1/studies/" + study.value() + "/transfers", radiologist,
				"{\"destinationId\":\"" + jsonOf(theirs).path("id").asString() + "\"}");

		assertThat(refused.statusCode()).isEqualTo(404);
		assertThat(auditCount("FORWARD", "DENIED")).isEqualTo(1);
	}

	// ------------------------------------------------------------------ destinations

	@Test
	void sourceAdminsKeepTheirDepartmentsDestinationsAndOthersAreRefusedAndLogged() throws Exception {
		HttpResponse<byte[]> byUser = call("POST",
				"/api/v1/departments/" + radiology.id().value() + "/transfer-destinations", radiologist,
				"{\"name\":\"Mine\",\"aeTitle\":\"MINE\",\"host\":\"127.0.0.1\",\"port\":104}");
		assertThat(byUser.statusCode()).isEqualTo(404);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'TRANSFER_DESTINATION_REFUSED' and outcome = 'DENIED'
				and actor_id = :user
				""").param("user", radiologist.value().toString()).query(Integer.class).single()).isEqualTo(1);

		HttpResponse<byte[]> invalid = call("POST",
				"/api/v1/departments/" + radiology.id().value() + "/transfer-destinations", admin,
				"{\"name\":\"Bad\",\"aeTitle\":\"THIS AE TITLE IS TOO LONG\",\"host\":\"127.0.0.1\",\"port\":104}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");

		String id = departmentDestination(
				"{\"name\":\"<script>alert(1)</script>\",\"aeTitle\":\"LOCALPACS\",\"host\":\"127.0.0.1\",\"port\":"
						+ PACS.port + "}");
		HttpResponse<byte[]> test = call("POST", "/api/v1/transfer-destinations/" + id + "/test", admin, null);
		assertThat(jsonOf(test).path("ok").asBoolean()).as(new String(test.body())).isTrue();

		String down = departmentDestination(
				"{\"name\":\"Down\",\"aeTitle\":\"DOWN\",\"host\":\"127.0.0.1\",\"port\":" + Storescp.freePort() + "}");
		HttpResponse<byte[]> failed = call("POST", "/api/v1/transfer-destinations/" + down + "/test", admin, null);
		assertThat(jsonOf(failed).path("ok").asBoolean()).isFalse();
		assertThat(jsonOf(failed).path("error").asString()).contains("C-ECHO");

		assertThat(call("DELETE", "/api/v1/transfer-destinations/" + id, stranger, null).statusCode()).isEqualTo(404);
		assertThat(call("DELETE", "/api/v1/transfer-destinations/" + id, admin, null).statusCode()).isEqualTo(204);
	}

	@Test
	void aUserKeepsHisOwnDestinationsAndForwardsToThem() throws Exception {
		HttpResponse<byte[]> own = call("POST", "/api/v1/transfer-destinations", radiologist,
				"{\"name\":\"My PACS\",\"aeTitle\":\"LOCALPACS\",\"host\":\"127.0.0.1\",\"port\":" + PACS.port + "}");
		assertThat(own.statusCode()).isEqualTo(201);
		String id = jsonOf(own).path("id").asString();
		assertThat(jsonOf(call("GET", "/api/v1/transfer-destinations", radiologist, null)).path("items")
			.path(0)
			.path("id")
			.asString()).isEqualTo(id);
		assertThat(jsonOf(call("GET", "/api/v1/transfer-destinations", stranger, null)).path("items").size()).isZero();
		assertThat(call("DELETE", "/api/v1/transfer-destinations/" + id, stranger, null).statusCode()).isEqualTo(404);

		JsonNode ended = awaitEnd(forward(id), radiologist);

		assertThat(ended.path("state").asString()).isEqualTo("DONE");
	}

}
