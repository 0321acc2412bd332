package org.studygate.rsw;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.RswPublishing;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The RSW surfaces: "Send" in the API and on the Access tab (MANAGE_ACCESS, refused and
 * logged for another department's admin), the {@code rsw} part of the access API, the
 * department's queue (failures first, free text escaped) and the department settings form
 * (service desk only, the bearer token only named).
 */
@StudygateTest
class RswApiTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Departments departments;

	@Autowired
	DepartmentSetup setup;

	@Autowired
	Studies studies;

	@Autowired
	SubmissionStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	Department north;

	Department south;

	UserId admin;

	UserId stranger;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		north = fixtures.department("Radiology RSW North");
		south = fixtures.department("Radiology RSW South");
		setup.updateSettings(north.id(),
				north.settings().withRsw(new RswPublishing(true, "http://127.0.0.1:9/fhir", null, null)));
		admin = fixtures.sourceAdmin(north, "Admin North");
		stranger = fixtures.sourceAdmin(south, "Admin South");
		study = fixtures.study(north, "Maes^Jan", LocalDate.of(2026, 3, 3), null);
	}

	@Test
	void anAdminQueuesTheStudyAgainThroughTheApiAndTheAccessApiShowsIt() throws Exception {
		MockHttpServletResponse sent = api(post("/api/v1/studies/" + study + "/rsw/send"), admin);

		assertThat(sent.getStatus()).isEqualTo(202);
		JsonNode body = json.readTree(sent.getContentAsString());
		assertThat(body.get("state").asString()).isEqualTo("QUEUED");
		assertThat(body.get("attempts").asInt()).isZero();
		assertThat(body.get("documentId").asString()).isNotBlank();
		JsonNode access = json.readTree(api(get("/api/v1/studies/" + study + "/access"), admin).getContentAsString());
		assertThat(access.get("rsw").get("state").asString()).isEqualTo("QUEUED");
		assertThat(access.get("rsw").get("documentId").asString()).isEqualTo(body.get("documentId").asString());
		assertThat(access.get("rsw").has("lastAttemptAt")).isTrue();
		assertThat(access.get("rsw").has("lastError")).isTrue();
		assertThat(api(post("/api/v1/studies/" + study + "/rsw/send"), admin).getStatus()).as("already queued")
			.isEqualTo(409);
		assertThat(count(
				"select count(*) from audit.entry where study_id = :s and action = 'RSW_SEND' and outcome = 'SUCCESS'"))
			.isEqualTo(1);
	}

	@Test
	void anotherDepartmentsAdminFindsNoStudyToSendAndTheRefusalIsLogged() throws Exception {
		MockHttpServletResponse refused = api(post("/api/v1/studies/" + study + "/rsw/send"), stranger);
		MockHttpServletResponse status = api(get("/api/v1/studies/" + study + "/rsw"), stranger);
		MockHttpServletResponse page = mvc
			.perform(post("/studies/" + study + "/rsw/send").with(csrf())
				.with(authentication(fixtures.signedIn(stranger))))
			.andReturn()
			.getResponse();

		assertThat(refused.getStatus()).isEqualTo(404);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(status.getStatus()).isEqualTo(404);
		assertThat(page.getStatus()).isEqualTo(404);
		assertThat(store.find(study.value())).as("nothing queued").isEmpty();
		assertThat(count(
				"select count(*) from audit.entry where study_id = :s and action = 'MANAGE_ACCESS' and outcome = 'DENIED' and actor_id = '"
						+ stranger + "'"))
			.isEqualTo(3);
	}

	@Test
	void aMalformedStudyIdentifierIsNotFound() throws Exception {
		assertThat(api(get("/api/v1/studies/not-a-uuid/rsw"), admin).getStatus()).isEqualTo(404);
		assertThat(api(post("/api/v1/studies/not-a-uuid/rsw/send"), admin).getStatus()).isEqualTo(404);
		assertThat(page(get("/studies/not-a-uuid/rsw/send"), admin).getStatus()).isEqualTo(404);
	}

	@Test
	void aSourceUserMaySeeTheStudyButNotSendIt() throws Exception {
		UserId clerk = fixtures.sourceUser(north, "Clerk North");

		assertThat(api(post("/api/v1/studies/" + study + "/rsw/send"), clerk).getStatus()).isEqualTo(403);
		assertThat(store.find(study.value())).isEmpty();
	}

	@Test
	void aDepartmentThatDoesNotPublishRefusesSend() throws Exception {
		StudyId other = fixtures.study(south, "Maes^Piet", LocalDate.of(2026, 3, 3), null);

		MockHttpServletResponse refused = api(post("/api/v1/studies/" + other + "/rsw/send"), stranger);

		assertThat(refused.getStatus()).isEqualTo(409);
		assertThat(store.find(other.value())).isEmpty();
	}

	@Test
	void theAccessTabShowsTheStatusAndSendAsksForConfirmationFirst() throws Exception {
		String tab = page(get("/studies/" + study + "/access"), admin).getContentAsString();
		assertThat(tab).contains("id=\"access-rsw\"").contains("data-state=\"NOT_SENT\"").contains("id=\"rsw-send\"");

		String confirm = page(get("/studies/" + study + "/rsw/send"), admin).getContentAsString();
		assertThat(confirm).contains("id=\"confirm\"");
		assertThat(store.find(study.value())).as("asking changes nothing").isEmpty();

		MockHttpServletResponse sent = mvc
			.perform(
					post("/studies/" + study + "/rsw/send").with(csrf()).with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse();
		assertThat(sent.getStatus()).isEqualTo(302);
		assertThat(sent.getRedirectedUrl()).isEqualTo("/studies/" + study + "/access");
		assertThat(store.find(study.value()).orElseThrow().state()).isEqualTo(SubmissionState.QUEUED);
		assertThat(mvc.perform(post("/studies/" + study + "/rsw/send").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getStatus()).as("without CSRF token").isEqualTo(403);
	}

	@Test
	void theQueueShowsFailuresFirstEscapedAndOnlyToItsAdminsAndTheServiceDesk() throws Exception {
		StudyId failed = fixtures.study(north, "Claes^An", LocalDate.of(2026, 3, 4), null);
		StudyId queued = fixtures.study(north, "Claes^Bert", LocalDate.of(2026, 3, 5), null);
		java.time.Instant now = fixtures.clock().instant();
		store.insertIfAbsent(queued.value(), north.id().value(), UUID.randomUUID(), now, "system");
		store.insertIfAbsent(failed.value(), north.id().value(), UUID.randomUUID(), now.minusSeconds(60), "system");
		jdbc.sql("update rsw.submission set state = 'FAILED', attempts = 1, last_error = :e where study_id = :s")
			.param("e", "HTTP 400: <script>alert(1)</script>")
			.param("s", failed.value())
			.update();

		String html = page(get("/rsw/" + north.code().value()), admin).getContentAsString();
		assertThat(html.indexOf("data-study=\"" + failed + "\"")).isPositive()
			.isLessThan(html.indexOf("data-study=\"" + queued + "\""));
		assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
		JsonNode lines = json.readTree(
				api(get("/api/v1/departments/" + north.code().value() + "/rsw/queue"), admin).getContentAsString());
		assertThat(lines.get(0).get("studyId").asString()).isEqualTo(failed.toString());
		assertThat(lines.get(0).get("state").asString()).isEqualTo("FAILED");
		UserId desk = fixtures.serviceDesk("Desk RSW");
		assertThat(page(get("/rsw/" + north.code().value()), desk).getStatus()).isEqualTo(200);

		assertThat(page(get("/rsw/" + north.code().value()), stranger).getStatus()).isEqualTo(404);
		assertThat(api(get("/api/v1/departments/" + north.code().value() + "/rsw/queue"), stranger).getStatus())
			.isEqualTo(404);
		UserId clerk = fixtures.sourceUser(north, "Clerk Queue");
		assertThat(page(get("/rsw/" + north.code().value()), clerk).getStatus()).isEqualTo(404);
	}

	@Test
	void theServiceDeskSetsPublishingOnTheDepartmentPageAndOnlyNamesTheToken() throws Exception {
		UserId desk = fixtures.serviceDesk("Desk Settings");
		String code = south.code().value();
		assertThat(page(get("/admin/departments/" + code), desk).getContentAsString()).contains("id=\"rsw-settings\"");

		MockHttpServletResponse saved = mvc
			.perform(post("/admin/departments/" + code + "/rsw").with(csrf())
				.with(authentication(fixtures.signedIn(desk)))
				.param("enabled", "true")
				.param("endpointUrl", "https://rsw.example/fhir")
				.param("authentication", "BEARER")
				.param("tokenName", "STUDYGATE_RSW_SOUTH"))
			.andReturn()
			.getResponse();
		assertThat(saved.getStatus()).isEqualTo(302);
		RswPublishing stored = departments.find(south.id()).orElseThrow().settings().rsw();
		assertThat(stored).isEqualTo(new RswPublishing(true, "https://rsw.example/fhir",
				RswPublishing.Authentication.BEARER, "STUDYGATE_RSW_SOUTH"));

		org.springframework.test.web.servlet.MvcResult invalid = mvc
			.perform(post("/admin/departments/" + code + "/rsw").with(csrf())
				.with(authentication(fixtures.signedIn(desk)))
				.param("enabled", "true")
				.param("endpointUrl", "https://evil.example/fhir")
				.param("authentication", "BEARER")
				.param("tokenName", "STUDYGATE_DB_PASSWORD"))
			.andReturn();
		assertThat(invalid.getResponse().getStatus()).isEqualTo(302);
		assertThat(invalid.getFlashMap().get("rswProblem")).isEqualTo("rsw.settings.invalid.tokenName");
		assertThat(departments.find(south.id()).orElseThrow().settings().rsw()).as("unchanged").isEqualTo(stored);

		MockHttpServletResponse byAdmin = mvc
			.perform(post("/admin/departments/" + code + "/rsw").with(csrf())
				.with(authentication(fixtures.signedIn(stranger)))
				.param("enabled", "false"))
			.andReturn()
			.getResponse();
		assertThat(byAdmin.getStatus()).isIn(403, 404);
		assertThat(api(put("/api/v1/departments/" + code + "/rsw").contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\":false}"), stranger).getStatus()).isIn(403, 404);
		assertThat(departments.find(south.id()).orElseThrow().settings().rsw()).as("unchanged").isEqualTo(stored);

		MockHttpServletResponse viaApi = api(put("/api/v1/departments/" + code + "/rsw")
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"enabled\":true,\"endpointUrl\":\"https://rsw.example/mhd\",\"authentication\":\"MUTUAL_TLS\"}"),
				desk);
		assertThat(viaApi.getStatus()).isEqualTo(200);
		assertThat(departments.find(south.id()).orElseThrow().settings().rsw().authentication())
			.isEqualTo(RswPublishing.Authentication.MUTUAL_TLS);
	}

	private MockHttpServletResponse api(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

	private MockHttpServletResponse page(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.with(authentication(fixtures.signedIn(user)))).andReturn().getResponse();
	}

	private int count(String sql) {
		return jdbc.sql(sql).param("s", study.value()).query(Integer.class).single();
	}

}
