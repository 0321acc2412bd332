package org.studygate.transfer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack: a staff user points a STOW-RS destination of his own at an internal service
 * and presses Test, and Studygate's server fetched it (SSRF). Own destinations now point
 * only at hosts of the platform's allow-list (none configured in this context: the
 * service desk keeps the list through the API here), checked when saved, tested,
 * forwarded and at every attempt; redirects are not followed. The local HTTP servers
 * stand in for internal services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DestinationAllowListTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	TransferWorker worker;

	@Autowired
	WebFixture web;

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Department radiology;

	UserId radiologist;

	UserId desk;

	HttpServer internal;

	final AtomicInteger received = new AtomicInteger();

	HttpServer elsewhere;

	final AtomicInteger receivedElsewhere = new AtomicInteger();

	@BeforeEach
	void anInternalServiceAndAUser() throws IOException {
		radiology = fixtures.department("Radiology Allow-list");
		radiologist = fixtures.sourceUser(radiology, "Radiologist Allow");
		desk = fixtures.serviceDesk("Desk Allow");
		internal = server("127.0.0.1", received, 200, null);
	}

	@AfterEach
	void emptyTheListAndStopTheServices() throws Exception {
		call("PUT", "/api/v1/admin/transfer-allow-list", desk, "{\"entries\":[]}");
		internal.stop(0);
		if (elsewhere != null) {
			elsewhere.stop(0);
		}
	}

	HttpServer server(String address, AtomicInteger counter, int status, String location) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
		server.createContext("/", exchange -> {
			counter.incrementAndGet();
			if (location != null) {
				exchange.getResponseHeaders().add("Location", location);
			}
			byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}

	String url(HttpServer server) {
		return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
				+ "/dicom-web";
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

	JsonNode allow(String... entries) throws Exception {
		String list = String.join(",", java.util.Arrays.stream(entries).map(e -> "\"" + e + "\"").toList());
		HttpResponse<byte[]> answer = call("PUT", "/api/v1/admin/transfer-allow-list", desk,
				"{\"entries\":[" + list + "]}");
		assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(200);
		return json.readTree(answer.body());
	}

	HttpResponse<byte[]> addOwn(String url) throws Exception {
		return call("POST", "/api/v1/transfer-destinations", radiologist,
				"{\"name\":\"Mine\",\"url\":\"" + url + "\"}");
	}

	int refusals(String action) {
		return jdbc
			.sql("select count(*) from audit.entry where actor_id = :actor and action = :action and outcome = 'DENIED'")
			.param("actor", radiologist.toString())
			.param("action", action)
			.query(Integer.class)
			.single();
	}

	org.springframework.mock.web.MockHttpServletResponse page(UserId user) throws Exception {
		return web.mvc()
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.get("/admin/transfer-allow-list")
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse();
	}

	void assertBadRequestNaming(HttpResponse<byte[]> answer, String field) {
		assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(400);
		assertThat(json.readTree(answer.body()).path("field").asString()).isEqualTo(field);
	}

	@Test
	void aStowRsDestinationAtAnInternalServiceIsRefusedWhenNotAllowListedAndTheServiceReceivesNothing()
			throws Exception {
		HttpResponse<byte[]> refused = addOwn(url(internal));

		assertBadRequestNaming(refused, "url");
		assertThat(received.get()).isZero();
		assertThat(refusals("TRANSFER_DESTINATION_NOT_ALLOWED")).isEqualTo(1);
		assertBadRequestNaming(call("POST", "/api/v1/transfer-destinations", radiologist,
				"{\"name\":\"Workstation\",\"aeTitle\":\"WS\",\"host\":\"127.0.0.1\",\"port\":104}"), "host");
		assertThat(json.readTree(call("GET", "/api/v1/transfer-destinations", radiologist, null).body())
			.path("items")
			.size()).isZero();
	}

	@Test
	void thePageSaysWhyAnOwnDestinationIsRefused() throws Exception {
		var result = web.mvc()
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/transfers/destinations")
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.authentication(fixtures.signedIn(radiologist)))
				.param("name", "Mine")
				.param("url", url(internal)))
			.andReturn();

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/transfers/destinations");
		assertThat(result.getFlashMap().get("problem")).isEqualTo("transfer.invalid.notAllowed");
		assertThat(received.get()).isZero();
	}

	@Test
	void anOwnDestinationIsCheckedAgainAtTestForwardAndEveryAttemptOnceTheListNoLongerAllowsIt() throws Exception {
		allow("127.0.0.1/32");
		HttpResponse<byte[]> saved = addOwn(url(internal));
		assertThat(saved.statusCode()).as(new String(saved.body())).isEqualTo(201);
		String id = json.readTree(saved.body()).path("id").asString();
		StudyId study = fixtures.study(radiology, "Allow^Patient", LocalDate.of(2024, 5, 1), null);
		HttpResponse<byte[]> queued = call("POST", "/api/v1/studies/" + study.value() + "/transfers", radiologist,
				"{\"destinationId\":\"" + id + "\"}");
		assertThat(queued.statusCode()).as(new String(queued.body())).isEqualTo(201);
		UUID transfer = UUID.fromString(json.readTree(queued.body()).path("id").asString());

		allow();

		assertBadRequestNaming(call("POST", "/api/v1/transfer-destinations/" + id + "/test", radiologist, null), "url");
		assertBadRequestNaming(call("POST", "/api/v1/studies/" + study.value() + "/transfers", radiologist,
				"{\"destinationId\":\"" + id + "\"}"), "destinationId");
		jdbc.sql("update transfer.job set requested_at = timestamptz '2000-01-01 00:00:00+00' where id = :id")
			.param("id", transfer)
			.update();
		Optional<ForwardJob> job = worker.claim();
		assertThat(job).map(j -> j.id().value()).contains(transfer);
		worker.run(job.orElseThrow());
		assertThat(jdbc.sql("select state || ': ' || coalesce(error, '') from transfer.job where id = :id")
			.param("id", transfer)
			.query(String.class)
			.single()).startsWith("FAILED").contains("allow-list");
		assertThat(received.get()).isZero();
		assertThat(refusals("TRANSFER_DESTINATION_NOT_ALLOWED")).isEqualTo(2);
	}

	@Test
	void aRedirectToAHostNotOnTheListIsNotFollowed() throws Exception {
		elsewhere = server("127.0.0.2", receivedElsewhere, 200, null);
		HttpServer redirecting = server("127.0.0.1", received, 302, url(elsewhere) + "/studies?limit=1");
		try {
			allow("127.0.0.1");
			HttpResponse<byte[]> saved = addOwn(url(redirecting));
			String id = json.readTree(saved.body()).path("id").asString();

			JsonNode tested = json
				.readTree(call("POST", "/api/v1/transfer-destinations/" + id + "/test", radiologist, null).body());

			assertThat(tested.path("ok").asBoolean()).isFalse();
			assertThat(tested.path("error").asString()).contains("302");
			assertThat(received.get()).isEqualTo(1);
			assertThat(receivedElsewhere.get()).isZero();
		}
		finally {
			redirecting.stop(0);
		}
	}

	@Test
	void aNameOnTheListThatResolvesToALoopbackAddressIsRefused() throws Exception {
		allow("localhost");

		assertBadRequestNaming(addOwn("http://localhost:" + internal.getAddress().getPort() + "/dicom-web"), "url");
		assertThat(received.get()).isZero();
	}

	@Test
	void theAllowListIsKeptByTheServiceDeskOnlyAndItsChangesAreAdministrationEntries() throws Exception {
		UserId admin = fixtures.sourceAdmin(radiology, "Admin Allow");
		assertThat(
				call("PUT", "/api/v1/admin/transfer-allow-list", admin, "{\"entries\":[\"0.0.0.0/0\"]}").statusCode())
			.isIn(403, 404);
		assertThat(call("GET", "/api/v1/admin/transfer-allow-list", radiologist, null).statusCode()).isIn(403, 404);
		assertThat(page(admin).getStatus()).isIn(403, 404);
		assertBadRequestNaming(
				call("PUT", "/api/v1/admin/transfer-allow-list", desk, "{\"entries\":[\"bad host;rm -rf\"]}"),
				"entries");

		JsonNode saved = allow("pacs.hospital.example", "*.hospital.example", "10.20.0.0/16");

		assertThat(saved.path("entries").toString()).contains("pacs.hospital.example", ".hospital.example",
				"10.20.0.0/16");
		String page = page(desk).getContentAsString();
		assertThat(page).contains("id=\"allow-list-form\"").contains("10.20.0.0/16").contains(".hospital.example");
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'TRANSFER_ALLOW_LIST_CHANGED' and actor_id = :actor
				    and details ->> 'category' = 'ADMINISTRATION' and details ->> 'new' like '%10.20.0.0/16%'
				""").param("actor", desk.toString()).query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'TRANSFER_ALLOW_LIST_REFUSED' and outcome = 'DENIED'
				    and actor_id in (:admin, :user)
				""")
			.param("admin", admin.toString())
			.param("user", radiologist.toString())
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

}
