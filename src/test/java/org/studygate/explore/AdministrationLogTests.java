package org.studygate.explore;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.GroupId;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.UserId;
import org.studygate.directory.setup.DirectorySetup;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Administration leaves a trace: users created and changed, memberships invited, accepted
 * and added, source staff and department settings changed are in the access log, which
 * the administration log shows to the service desk, and to each department's source
 * admins only for their own departments. Anybody else is refused, and the refusal is
 * logged.
 */
@StudygateTest
class AdministrationLogTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DirectorySetup setup;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	UserId desk;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		desk = fixtures.serviceDesk("Desk Log");
	}

	@Test
	void whoMadeThisPersonAMemberOfThatPracticeIsAnsweredByTheAdministrationLog() throws Exception {
		UserId groupAdmin = fixtures.physician("Dr Inviting", Fixtures.physicianNumber());
		GroupId practice = fixtures.practice("Practice Logged");
		setup.addMember(practice, groupAdmin, MembershipRole.ADMIN, false);
		UserId physician = fixtures.physician("Dr Joining", Fixtures.physicianNumber());
		UserId other = fixtures.physician("Dr Placed", Fixtures.physicianNumber());

		assertThat(send(groupAdmin, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s", "role": "MEMBER"}""".formatted(physician)).getStatus()).isEqualTo(202);
		assertThat(send(physician, post("/api/v1/my/memberships/{id}/accept", practice.value()), null).getStatus())
			.isEqualTo(200);
		assertThat(send(desk, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s", "reason": "Practice merger, ticket 88"}""".formatted(other)).getStatus())
			.isEqualTo(201);

		JsonNode log = body(send(desk, get("/api/v1/admin/log").param("subject", physician.toString()), null));
		assertThat(actions(log)).containsExactly("MEMBERSHIP_ACCEPTED", "MEMBERSHIP_INVITED");
		JsonNode invited = log.path("items").get(1);
		assertThat(invited.path("actorId").asString()).isEqualTo(groupAdmin.toString());
		assertThat(invited.path("actorName").asString()).isEqualTo("Dr Inviting");
		assertThat(invited.path("details").path("groupId").asString()).isEqualTo(practice.toString());
		assertThat(invited.path("details").path("category").asString()).isEqualTo("ADMINISTRATION");
		assertThat(invited.path("at").asString()).isNotBlank();

		JsonNode added = body(send(desk, get("/api/v1/admin/log").param("subject", other.toString()), null));
		assertThat(actions(added)).containsExactly("MEMBERSHIP_ADDED");
		assertThat(added.path("items").get(0).path("details").path("reason").asString())
			.isEqualTo("Practice merger, ticket 88");
		assertThat(added.path("items").get(0).path("actorId").asString()).isEqualTo(desk.toString());
	}

	@Test
	void usersCreatedAndChangedAreLoggedWithTheirOldAndNewValues() throws Exception {
		String username = fixtures.username("Dr New");
		String id = body(send(desk, post("/api/v1/admin/users"), """
				{"username": "%s", "displayName": "Dr New", "password": "Secret-pass-9", "language": "nl"}"""
			.formatted(username))).path("id").asString();
		assertThat(send(desk, put("/api/v1/admin/users/{id}", id), """
				{"displayName": "Dr Renamed", "language": "fr", "contactPublic": false}""").getStatus()).isEqualTo(200);

		JsonNode log = body(send(desk, get("/api/v1/admin/log").param("subject", id), null));
		assertThat(actions(log)).containsExactly("USER_CHANGED", "USER_CREATED");
		JsonNode changed = log.path("items").get(0).path("details");
		assertThat(changed.path("displayName").asString()).isEqualTo("Dr New → Dr Renamed");
		assertThat(changed.path("language").asString()).isEqualTo("nl → fr");
		assertThat(log.path("items").get(1).path("details").toString()).doesNotContain("Secret-pass-9");
	}

	@Test
	void aDepartmentsAdminsSeeOnlyTheAdministrationOfTheirDepartments() throws Exception {
		Department north = fixtures.department("Radiology North Log");
		Department south = fixtures.department("Radiology South Log");
		UserId northAdmin = fixtures.sourceAdmin(north, "Admin North Log");
		UserId recruit = fixtures.user("Dr Recruit");

		assertThat(send(desk, post("/api/v1/admin/departments/{code}/members", north.code().value()), """
				{"userId": "%s", "role": "SOURCE_USER"}""".formatted(recruit)).getStatus()).isEqualTo(201);
		assertThat(send(desk, post("/api/v1/admin/departments/{code}/members", south.code().value()), """
				{"userId": "%s", "role": "SOURCE_ADMIN"}""".formatted(recruit)).getStatus()).isEqualTo(201);
		assertThat(send(desk, put("/api/v1/admin/departments/{code}/settings", north.code().value()), """
				{"shareValidityDefaultDays": 14, "shareValidityMaximumDays": 90}""").getStatus()).isEqualTo(200);
		assertThat(send(desk,
				delete("/api/v1/admin/departments/{code}/members/{user}", north.code().value(), recruit.value())
					.param("role", "SOURCE_USER"),
				null)
			.getStatus()).isEqualTo(204);

		JsonNode log = body(send(northAdmin, get("/api/v1/admin/log"), null));
		assertThat(log.path("items").valueStream().map(e -> e.path("details").path("department").asString()))
			.isNotEmpty()
			.allMatch(north.code().value()::equals);
		assertThat(actions(log)).contains("SOURCE_MEMBER_ADDED", "SOURCE_MEMBER_REMOVED",
				"DEPARTMENT_SETTINGS_CHANGED");
		JsonNode settings = log.path("items")
			.valueStream()
			.filter(e -> "DEPARTMENT_SETTINGS_CHANGED".equals(e.path("action").asString()))
			.findFirst()
			.orElseThrow()
			.path("details");
		assertThat(settings.path("shareValidityDefaultDays").asString()).isEqualTo("30 → 14");
		assertThat(settings.path("shareValidityMaximumDays").asString()).isEqualTo("365 → 90");

		assertThat(
				send(northAdmin, get("/api/v1/admin/log").param("department", south.code().value()), null).getStatus())
			.as("another department's log is not his")
			.isEqualTo(404);
		JsonNode deskView = body(send(desk, get("/api/v1/admin/log").param("department", south.code().value()), null));
		assertThat(actions(deskView)).containsExactly("SOURCE_MEMBER_ADDED");

		String west = "W" + Fixtures.unique();
		assertThat(send(desk, post("/api/v1/admin/departments"), """
				{"code": "%s", "name": "Radiology West Log", "timeZone": "Europe/Brussels"}""".formatted(west))
			.getStatus()).isEqualTo(201);
		JsonNode created = body(send(desk, get("/api/v1/admin/log").param("department", west), null));
		assertThat(actions(created)).containsExactly("DEPARTMENT_CREATED");
		assertThat(created.path("items").get(0).path("details").path("name").asString())
			.isEqualTo("Radiology West Log");
	}

	@Test
	void aPlainUserIsRefusedTheAdministrationLogAndTheRefusalIsLogged() throws Exception {
		UserId physician = fixtures.physician("Dr Curious", Fixtures.physicianNumber());

		MockHttpServletResponse refused = send(physician, get("/api/v1/admin/log"), null);
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentType()).contains("application/problem+json");
		assertThat(mvc.perform(get("/admin/log").with(authentication(fixtures.signedIn(physician))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry
				where action = 'AUDIT_EXPORT_READ' and outcome = 'DENIED' and actor_id = :actor
				  and details ->> 'format' = 'ADMINISTRATION'
				""").param("actor", physician.toString()).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void theAdministrationLogPageListsTheEntriesForTheServiceDeskAndADepartmentsAdmin() throws Exception {
		Department east = fixtures.department("Radiology East Log");
		UserId eastAdmin = fixtures.sourceAdmin(east, "Admin East Log");
		UserId recruit = fixtures.user("Dr Paged");
		send(desk, post("/api/v1/admin/departments/{code}/members", east.code().value()), """
				{"userId": "%s", "role": "SOURCE_USER"}""".formatted(recruit));

		String deskPage = mvc
			.perform(get("/admin/log").param("subject", recruit.toString())
				.with(authentication(fixtures.signedIn(desk))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(deskPage).contains("SOURCE_MEMBER_ADDED", "Desk Log", east.code().value(), "Dr Paged");

		MockHttpServletResponse adminPage = mvc
			.perform(get("/admin/log").with(authentication(fixtures.signedIn(eastAdmin))))
			.andReturn()
			.getResponse();
		assertThat(adminPage.getStatus()).isEqualTo(200);
		assertThat(adminPage.getContentAsString()).contains("SOURCE_MEMBER_ADDED", east.code().value());
	}

	private static List<String> actions(JsonNode log) {
		return log.path("items").valueStream().map(e -> e.path("action").asString()).toList();
	}

	private JsonNode body(MockHttpServletResponse response) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString()).isBetween(200, 299);
		return json.readTree(response.getContentAsString());
	}

	private MockHttpServletResponse send(UserId user, MockHttpServletRequestBuilder request, String body)
			throws Exception {
		request.header("Authorization", fixtures.bearer(user));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

}
