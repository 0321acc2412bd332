package org.studygate.access;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.Groups;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Withdrawing the implicit lines of the Users section (decision 060): the excluded
 * requester, copied physician or practice gets nothing on the next request, a restore
 * gives it back, and those who may not withdraw grants may not exclude.
 */
@StudygateTest
class ExclusionTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Groups groups;

	MockMvc mvc;

	Department north;

	UserId admin;

	UserId requester;

	UserId cc;

	UserId partner;

	GroupId practice;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		north = fixtures.department("Radiology Exclusion");
		admin = fixtures.sourceAdmin(north, "Admin Exclusion");
		String requesterNumber = Fixtures.physicianNumber();
		String ccNumber = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Withdrawn", requesterNumber);
		cc = fixtures.physician("Dr Copied", ccNumber);
		partner = fixtures.physician("Dr Partner", Fixtures.physicianNumber());
		practice = fixtures.practice("Practice Exclusion", cc, partner);
		study = fixtures.study(north, "Excluded^Ann", LocalDate.of(2026, 3, 1), requesterNumber, ccNumber);
	}

	@Test
	void aWithdrawnRequesterGetsNotFoundOnHisNextRequestAndARestoreGivesItBack() throws Exception {
		assertThat(perform(get("/api/v1/studies/" + study), requester).getStatus()).isEqualTo(200);

		MockHttpServletResponse excluded = exclude("userId", requester.toString(), "wrong referral", admin);
		assertThat(excluded.getStatus()).isEqualTo(201);
		JsonNode exclusion = json.readTree(excluded.getContentAsString());
		assertThat(exclusion.get("path").asString()).isEqualTo("REQUESTER");
		assertThat(exclusion.get("excludedBy").asString()).isEqualTo("Admin Exclusion");

		assertThat(perform(get("/api/v1/studies/" + study), requester).getStatus()).isEqualTo(404);
		assertThat(listed(requester)).doesNotContain(study.toString());
		JsonNode line = usersLine(requester);
		assertThat(line.get("state").asString()).isEqualTo("WITHDRAWN");
		assertThat(line.get("withdrawable").asBoolean()).isFalse();
		assertThat(line.get("withdrawnBy").asString()).isEqualTo("Admin Exclusion");
		assertThat(line.get("withdrawnReason").asString()).isEqualTo("wrong referral");
		assertThat(audit("ACCESS_EXCLUDED")).isEqualTo(1);

		String page = mvc.perform(get("/studies/" + study + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("data-exclusion=\"" + exclusion.get("id").asString() + "\"")
			.contains("/access/exclusions/" + exclusion.get("id").asString() + "/restore")
			.contains("wrong referral");

		MockHttpServletResponse restored = perform(
				delete("/api/v1/studies/" + study + "/exclusions/" + exclusion.get("id").asString()), admin);
		assertThat(restored.getStatus()).isEqualTo(204);
		assertThat(perform(get("/api/v1/studies/" + study), requester).getStatus()).isEqualTo(200);
		assertThat(listed(requester)).contains(study.toString());
		assertThat(usersLine(requester).get("state").asString()).isEqualTo("ACTIVE");
		assertThat(audit("EXCLUSION_RESTORED")).isEqualTo(1);
		assertThat(perform(delete("/api/v1/studies/" + study + "/exclusions/" + exclusion.get("id").asString()), admin)
			.getStatus()).as("restored already").isEqualTo(404);
	}

	@Test
	void everyImplicitLineButTheSourceGroupsHasACross() throws Exception {
		List<JsonNode> lines = users();
		assertThat(lines).filteredOn(u -> u.get("origin").asString().startsWith("SOURCE_"))
			.hasSize(2)
			.allSatisfy(u -> assertThat(u.get("withdrawable").asBoolean()).isFalse());
		assertThat(lines)
			.filteredOn(u -> List.of("REQUESTER", "CC", "GROUP_PRACTICE").contains(u.get("origin").asString()))
			.hasSize(3)
			.allSatisfy(u -> assertThat(u.get("withdrawable").asBoolean()).isTrue());
	}

	@Test
	void aCopiedPhysicianExcludedKeepsNothingThroughHisPracticeEither() throws Exception {
		assertThat(perform(get("/api/v1/studies/" + study), cc).getStatus()).isEqualTo(200);
		assertThat(perform(get("/api/v1/studies/" + study), partner).getStatus()).isEqualTo(200);

		assertThat(exclude("userId", cc.toString(), "left the practice", admin).getStatus()).isEqualTo(201);

		assertThat(perform(get("/api/v1/studies/" + study), cc).getStatus()).isEqualTo(404);
		assertThat(listed(cc)).doesNotContain(study.toString());
		assertThat(perform(get("/api/v1/studies/" + study), partner).getStatus()).as("his partner keeps the practice")
			.isEqualTo(200);

		assertThat(exclude("groupId", practice.toString(), "practice closed", admin).getStatus()).isEqualTo(201);
		assertThat(perform(get("/api/v1/studies/" + study), partner).getStatus()).isEqualTo(404);
		assertThat(listed(partner)).doesNotContain(study.toString());
		assertThat(perform(get("/api/v1/studies/" + study), requester).getStatus()).as("the requester is untouched")
			.isEqualTo(200);
	}

	@Test
	void anExclusionComesBeforeTheSubjectsOwnGrant() throws Exception {
		UserId colleague = fixtures.physician("Dr Granted", Fixtures.physicianNumber());
		MockHttpServletResponse granted = perform(
				post("/api/v1/studies/" + study + "/grants").contentType(MediaType.APPLICATION_JSON)
					.content("{\"subjectType\":\"USER\",\"subjectId\":\"" + colleague + "\",\"scope\":\"IMAGES\"}"),
				admin);
		assertThat(granted.getStatus()).isEqualTo(201);
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(200);

		assertThat(exclude("userId", colleague.toString(), "not his patient", admin).getStatus()).isEqualTo(201);

		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(404);
	}

	@Test
	void aColleagueCannotExcludeAndNothingChanges() throws Exception {
		int before = exclusions();

		UserId outsider = fixtures.physician("Dr Outsider", Fixtures.physicianNumber());
		assertThat(exclude("userId", requester.toString(), "mine", outsider).getStatus()).isEqualTo(404);
		assertThat(exclude("userId", requester.toString(), "mine", partner).getStatus())
			.as("a practice colleague sees the study but does not manage its access")
			.isEqualTo(403);
		assertThat(exclude("userId", partner.toString(), "mine", requester).getStatus()).isEqualTo(403);
		assertThat(mvc
			.perform(post("/studies/" + study + "/access/exclusions").param("subjectType", "USER")
				.param("subjectId", partner.toString())
				.param("reason", "mine")
				.with(csrf())
				.with(authentication(fixtures.signedIn(requester))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);

		assertThat(exclusions()).isEqualTo(before);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where study_id = :s and actor_id = :a and outcome = 'DENIED'
				and action = 'MANAGE_ACCESS'
				""").param("s", study.value()).param("a", partner.toString()).query(Integer.class).single())
			.as("the refusal is logged")
			.isPositive();
	}

	@Test
	void theSourceGroupsCannotBeExcludedAndBadInputChangesNothing() throws Exception {
		GroupId users = groups.sourceGroup(north.id().value(), GroupKind.SOURCE_USERS).orElseThrow();
		int before = exclusions();

		MockHttpServletResponse refused = exclude("groupId", users.toString(), "staff", admin);
		assertThat(refused.getStatus()).isEqualTo(409);
		assertThat(refused.getContentType()).contains("application/problem+json");
		assertThat(exclude("userId", requester.toString(), " ", admin).getStatus()).isEqualTo(400);
		assertThat(perform(
				post("/api/v1/studies/" + study + "/exclusions").contentType(MediaType.APPLICATION_JSON)
					.content("{\"userId\":\"" + requester + "\",\"groupId\":\"" + practice + "\",\"reason\":\"both\"}"),
				admin)
			.getStatus()).isEqualTo(400);
		assertThat(exclude("userId", "not-an-id", "typo", admin).getStatus()).isEqualTo(400);
		assertThat(exclude("userId", java.util.UUID.randomUUID().toString(), "nobody", admin).getStatus())
			.isEqualTo(400);
		assertThat(exclusions()).isEqualTo(before);

		assertThat(exclude("userId", requester.toString(), "twice", admin).getStatus()).isEqualTo(201);
		assertThat(exclude("userId", requester.toString(), "twice", admin).getStatus()).isEqualTo(409);
	}

	private MockHttpServletResponse exclude(String field, String id, String reason, UserId by) throws Exception {
		return perform(post("/api/v1/studies/" + study + "/exclusions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"" + field + "\":\"" + id + "\",\"reason\":\"" + reason + "\"}"), by);
	}

	private List<JsonNode> users() throws Exception {
		MockHttpServletResponse response = perform(get("/api/v1/studies/" + study + "/access"), admin);
		assertThat(response.getStatus()).isEqualTo(200);
		return json.readTree(response.getContentAsString()).get("users").valueStream().toList();
	}

	private JsonNode usersLine(UserId user) throws Exception {
		return users().stream()
			.filter(u -> user.toString().equals(u.path("subjectId").asString()))
			.findFirst()
			.orElseThrow();
	}

	private List<String> listed(UserId user) throws Exception {
		MockHttpServletResponse response = perform(get("/api/v1/studies").param("limit", "100"), user);
		assertThat(response.getStatus()).isEqualTo(200);
		return json.readTree(response.getContentAsString())
			.get("items")
			.valueStream()
			.map(s -> s.get("id").asString())
			.toList();
	}

	private int audit(String action) {
		return jdbc.sql("select count(*) from audit.entry where study_id = :s and action = :a")
			.param("s", study.value())
			.param("a", action)
			.query(Integer.class)
			.single();
	}

	private int exclusions() {
		return jdbc.sql("select count(*) from access.study_exclusion where study_id = :s")
			.param("s", study.value())
			.query(Integer.class)
			.single();
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

}
