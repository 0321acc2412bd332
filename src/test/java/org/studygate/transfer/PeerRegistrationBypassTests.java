package org.studygate.transfer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
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
 * The attack: a staff user adds a destination of his own, with the AE title of a
 * workstation he controls, and presses Test; the archive then knew that AE title as a
 * peer with every DIMSE command allowed, so that the workstation could query (C-FIND) and
 * pull (C-MOVE, C-GET) the whole archive past Studygate, and removing the destination
 * left the peer in place. Here the peer is trusted for C-ECHO and C-STORE from the
 * archive only, and removed with its destination. Users' own destinations point at the
 * loopback here: 127.0.0.1 is allowed explicitly by the configuration of this context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PeerRegistrationBypassTests {

	static final Orthanc ARCHIVE = Orthanc.shared();

	static final Storescp PACS = new Storescp("PEERPACS");

	@DynamicPropertySource
	static void archive(DynamicPropertyRegistry registry) {
		registry.add("studygate.archive.url", ARCHIVE::dicomWebUrl);
		registry.add("studygate.archive.poll-initial-delay", () -> "PT1000H");
		registry.add("studygate.archive.timeout", () -> "PT5S");
		registry.add("studygate.transfer.poll-interval", () -> "PT0.2S");
		registry.add("studygate.transfer.backoff", () -> "PT0.3S");
		registry.add("studygate.transfer.max-attempts", () -> "2");
		registry.add("studygate.transfer.enabled", () -> "true");
		registry.add("studygate.transfer.allowed-hosts", () -> "127.0.0.1");
	}

	@AfterAll
	static void stopPeer() {
		PACS.close();
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
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Department radiology;

	UserId radiologist;

	UserId admin;

	StudyId study;

	String studyUid;

	@BeforeEach
	void aStudyInTheArchive() {
		String aet = "P" + Fixtures.unique();
		radiology = fixtures.department("Radiology Peers");
		departments.changeSettings(Actor.systemOperator("test"), radiology.code().value(),
				settings -> settings.withArchive(new ArchiveMatching(List.of(aet), List.of())));
		radiologist = fixtures.sourceUser(radiology, "Radiologist Peer");
		admin = fixtures.sourceAdmin(radiology, "Admin Peer");
		DicomFiles.Spec spec = DicomFiles.Spec.of("PR" + Fixtures.unique(), "Peer^Patient").size(1, 2).side(64);
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

	HttpResponse<byte[]> call(String method, String path, UserId user, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", fixtures.bearer(user))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	String ownDestination(String aeTitle) throws Exception {
		HttpResponse<byte[]> created = call("POST", "/api/v1/transfer-destinations", radiologist,
				"{\"name\":\"My workstation\",\"aeTitle\":\"" + aeTitle + "\",\"host\":\"127.0.0.1\",\"port\":"
						+ PACS.port + "}");
		assertThat(created.statusCode()).as(new String(created.body())).isEqualTo(201);
		return json.readTree(created.body()).path("id").asString();
	}

	static void assertTrustedForEchoAndStoreOnly(JsonNode peer) {
		assertThat(peer.path("AET").isMissingNode()).as(peer.toString()).isFalse();
		for (String flag : List.of("AllowFind", "AllowMove", "AllowGet", "AllowStore", "AllowFindWorklist",
				"AllowNAction", "AllowEventReport")) {
			assertThat(peer.path(flag).asBoolean(true)).as(flag + " in " + peer).isFalse();
		}
		assertThat(peer.path("AllowEcho").asBoolean(false)).isTrue();
	}

	List<String> archivePeers() {
		List<String> names = new ArrayList<>();
		ARCHIVE.get("/modalities").forEach(name -> names.add(name.asString()));
		return names;
	}

	/**
	 * A C-FIND from the AE title to the archive, as the workstation would send it; the
	 * output of findscu.
	 */
	String cFindAs(String callingAet) throws Exception {
		Process process = new ProcessBuilder("findscu", "-v", "-S", "-aet", callingAet, "-aec", ARCHIVE.aet(),
				"127.0.0.1", Integer.toString(ARCHIVE.dicomPort()), "-k", "QueryRetrieveLevel=STUDY", "-k",
				"StudyInstanceUID=" + studyUid, "-k", "PatientName")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		process.waitFor();
		return output;
	}

	@Test
	void anOwnDestinationsTestRegistersAPeerTheArchiveTrustsForEchoAndStoreOnly() throws Exception {
		String aet = "WS" + Fixtures.unique().substring(0, 6);
		String id = ownDestination(aet);

		HttpResponse<byte[]> tested = call("POST", "/api/v1/transfer-destinations/" + id + "/test", radiologist, null);

		assertThat(json.readTree(tested.body()).path("ok").asBoolean()).as(new String(tested.body())).isTrue();
		assertTrustedForEchoAndStoreOnly(ARCHIVE.get("/modalities/sg-" + id + "/configuration"));
		// the request is echoed in findscu's output; a match would bring the patient's
		// name back
		assertThat(cFindAs(aet)).as("the workstation's C-FIND").doesNotContain("Peer^Patient");
	}

	@Test
	void removingTheDestinationRemovesThePeerFromTheArchiveAndIsAnAdministrationEntry() throws Exception {
		String id = ownDestination("WS" + Fixtures.unique().substring(0, 6));
		call("POST", "/api/v1/transfer-destinations/" + id + "/test", radiologist, null);
		assertThat(archivePeers()).contains("sg-" + id);

		assertThat(call("DELETE", "/api/v1/transfer-destinations/" + id, radiologist, null).statusCode())
			.isEqualTo(204);

		assertThat(archivePeers()).doesNotContain("sg-" + id);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'TRANSFER_DESTINATION_REMOVED' and actor_id = :actor
				    and details ->> 'category' = 'ADMINISTRATION' and details ->> 'destinationId' = :id
				""").param("actor", radiologist.toString()).param("id", id).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void aForwardRegistersAStaleFullyTrustedPeerAgainWithTheSafeFlags() throws Exception {
		String id = ownDestination("PEERPACS");
		// a registration as an earlier version left it: every Allow* flag at Orthanc's
		// default, true
		HttpResponse<String> stale = http
			.send(HttpRequest.newBuilder(URI.create(ARCHIVE.restUrl() + "/modalities/sg-" + id))
				.PUT(HttpRequest.BodyPublishers
					.ofString("{\"AET\":\"PEERPACS\",\"Host\":\"127.0.0.1\",\"Port\":" + PACS.port + "}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(ARCHIVE.get("/modalities/sg-" + id + "/configuration").path("AllowMove").asBoolean()).isTrue();

		HttpResponse<byte[]> forward = call("POST", "/api/v1/studies/" + study.value() + "/transfers", radiologist,
				"{\"destinationId\":\"" + id + "\"}");
		assertThat(forward.statusCode()).as(new String(forward.body())).isEqualTo(201);
		String transfer = json.readTree(forward.body()).path("id").asString();
		JsonNode ended = awaitEnd(transfer);

		assertThat(ended.path("state").asString()).as(ended.toString()).isEqualTo("DONE");
		assertTrustedForEchoAndStoreOnly(ARCHIVE.get("/modalities/sg-" + id + "/configuration"));
	}

	@Autowired
	PeerSweep sweep;

	@Test
	void theSweepRemovesAPeerWhoseDestinationIsGoneAndMakesTheOthersSafe() throws Exception {
		String orphan = "sg-" + java.util.UUID.randomUUID();
		String kept = ownDestination("PEERPACS");
		for (String name : List.of(orphan, "sg-" + kept)) {
			HttpResponse<String> put = http.send(HttpRequest
				.newBuilder(URI.create(ARCHIVE.restUrl() + "/modalities/" + name))
				.PUT(HttpRequest.BodyPublishers.ofString("{\"AET\":\"ORPHAN\",\"Host\":\"127.0.0.1\",\"Port\":104}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(put.statusCode()).isEqualTo(200);
		}

		sweep.sweep();

		assertThat(archivePeers()).doesNotContain(orphan).contains("sg-" + kept);
		assertTrustedForEchoAndStoreOnly(ARCHIVE.get("/modalities/sg-" + kept + "/configuration"));
	}

	@Test
	void aDepartmentsDestinationChangesAreAdministrationEntriesWithTheDepartment() throws Exception {
		HttpResponse<byte[]> created = call("POST",
				"/api/v1/departments/" + radiology.id().value() + "/transfer-destinations", admin,
				"{\"name\":\"Ward PACS\",\"aeTitle\":\"WARD\",\"host\":\"10.1.2.3\",\"port\":104}");
		assertThat(created.statusCode()).isEqualTo(201);
		String id = json.readTree(created.body()).path("id").asString();
		assertThat(call("DELETE", "/api/v1/transfer-destinations/" + id, admin, null).statusCode()).isEqualTo(204);

		assertThat(jdbc.sql("""
				select action from audit.entry where actor_id = :actor and details ->> 'category' = 'ADMINISTRATION'
				    and details ->> 'department' = :department and details ->> 'destinationId' = :id order by at, id
				""")
			.param("actor", admin.toString())
			.param("department", radiology.code().value())
			.param("id", id)
			.query(String.class)
			.list()).containsExactly("TRANSFER_DESTINATION_SAVED", "TRANSFER_DESTINATION_REMOVED");
	}

	JsonNode awaitEnd(String transferId) {
		return await("transfer " + transferId + " ended").atMost(Duration.ofSeconds(120))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> json.readTree(call("GET", "/api/v1/transfers/" + transferId, radiologist, null).body()),
					view -> view.path("state").asString().equals("DONE")
							|| view.path("state").asString().equals("FAILED"));
	}

}
