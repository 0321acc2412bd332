package org.studygate.access;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Restricted studies (decision 060): still listed, but an entitled user who is neither a
 * source admin nor the service desk is refused with the break-the-glass problem type
 * until he unlocks the study with a purpose and a reason; his unlock is in the Unlocked
 * section.
 */
@StudygateTest
class RestrictedStudyTests {

	static final String REASON = "Member of staff, restricted by policy";

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	Department north;

	UserId admin;

	UserId radiologist;

	UserId requester;

	UserId desk;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		north = fixtures.department("Radiology Restricted");
		admin = fixtures.sourceAdmin(north, "Admin Restricted");
		radiologist = fixtures.sourceUser(north, "Radiologist Restricted");
		desk = fixtures.serviceDesk("Desk Restricted");
		String number = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Restricted", number);
		study = fixtures.study(north, "Vip^Victor", LocalDate.of(2026, 4, 1), number);
	}

	@Test
	void anEntitledUserUnlocksARestrictedStudyWithAReasonAndIsListedUnderUnlocked() throws Exception {
		assertThat(restrict(true, "VIP patient", admin).getStatus()).isEqualTo(200);

		assertThat(listed(radiologist)).as("still listed").contains(study.toString());
		MockHttpServletResponse refused = perform(get("/api/v1/studies/" + study), radiologist);
		assertThat(refused.getStatus()).isEqualTo(403);
		JsonNode problem = json.readTree(refused.getContentAsString());
		assertThat(problem.get("type").asString()).endsWith("/break-the-glass-possible");
		assertThat(problem.get("unlock").asString()).isEqualTo("/api/v1/studies/" + study + "/unlock");
		assertThat(perform(get("/api/v1/studies/" + study + "/report"), radiologist).getStatus()).isEqualTo(403);

		assertThat(unlock(radiologist, "too short").getStatus()).isEqualTo(400);
		assertThat(perform(get("/api/v1/studies/" + study), radiologist).getStatus()).isEqualTo(403);
		assertThat(unlock(radiologist, REASON).getStatus()).isEqualTo(201);

		assertThat(perform(get("/api/v1/studies/" + study), radiologist).getStatus()).isEqualTo(200);
		JsonNode unlocked = json
			.readTree(perform(get("/api/v1/studies/" + study + "/access"), admin).getContentAsString())
			.get("unlocked");
		assertThat(unlocked.valueStream().map(u -> u.toString())).anySatisfy(u -> assertThat(u).contains(REASON));
		assertThat(unlocked.valueStream().filter(u -> u.get("reason").asString().equals(REASON)))
			.as("labelled as the unlock of a restricted study, not an emergency")
			.singleElement()
			.satisfies(u -> assertThat(u.get("kind").asString()).isEqualTo("RESTRICTED"));
		assertThat(
				jdbc.sql("select details->>'kind' from audit.entry where study_id = :s and action = 'STUDY_UNLOCKED'")
					.param("s", study.value())
					.query(String.class)
					.single())
			.isEqualTo("RESTRICTED");
		assertThat(audit("STUDY_RESTRICTED")).isEqualTo(1);
	}

	@Test
	void theRequesterToo_butNotTheSourceAdminsNorTheServiceDesk() throws Exception {
		restrict(true, "VIP patient", admin);

		assertThat(perform(get("/api/v1/studies/" + study), requester).getStatus()).isEqualTo(403);
		assertThat(perform(get("/api/v1/studies/" + study), admin).getStatus()).isEqualTo(200);
		assertThat(perform(get("/api/v1/studies/" + study), desk).getStatus()).isEqualTo(200);
		assertThat(unlock(requester, REASON).getStatus()).isEqualTo(201);
		assertThat(perform(get("/api/v1/studies/" + study), requester).getStatus()).isEqualTo(200);
	}

	@Test
	void thePageSendsAnEntitledUserToTheUnlockPageAndTheUnlockOpensIt() throws Exception {
		restrict(true, "VIP patient", admin);

		MockHttpServletResponse page = mvc
			.perform(get("/studies/" + study).with(authentication(fixtures.signedIn(radiologist))))
			.andReturn()
			.getResponse();
		assertThat(page.getStatus()).isEqualTo(302);
		assertThat(page.getRedirectedUrl()).isEqualTo("/break-glass/studies/" + study);
		MockHttpServletResponse form = mvc
			.perform(get("/break-glass/studies/" + study).with(authentication(fixtures.signedIn(radiologist))))
			.andReturn()
			.getResponse();
		assertThat(form.getStatus()).isEqualTo(200);
		assertThat(form.getContentAsString()).contains("id=\"bg-unlock\"");

		MockHttpServletResponse done = mvc
			.perform(post("/break-glass/studies/" + study + "/unlock").param("termsAccepted", "true")
				.param("patientConfirmed", "true")
				.param("purpose", "TREAT")
				.param("reason", REASON)
				.param("redirect", "https://elsewhere.example/")
				.param("continue", "//elsewhere.example/")
				.with(csrf())
				.with(authentication(fixtures.signedIn(radiologist))))
			.andReturn()
			.getResponse();
		assertThat(done.getRedirectedUrl()).as("lands on the study, whatever the request names")
			.isEqualTo("/studies/" + study);

		assertThat(mvc.perform(get("/studies/" + study).with(authentication(fixtures.signedIn(radiologist))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		String tab = mvc.perform(get("/studies/" + study + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(tab).contains("unlock-kind restricted")
			.contains("Restricted study")
			.doesNotContain("unlock-kind emergency");
		String reviews = mvc.perform(get("/break-glass/reviews").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(reviews).contains("unlock-kind restricted");
	}

	@Test
	void anOutsiderCannotUseTheUnlockFormToBeSentAnywhere() throws Exception {
		restrict(true, "VIP patient", admin);
		UserId outsider = fixtures.physician("Dr Outsider Restricted", Fixtures.physicianNumber());

		MockHttpServletResponse refused = mvc
			.perform(post("/break-glass/studies/" + study + "/unlock").param("termsAccepted", "true")
				.param("patientConfirmed", "true")
				.param("purpose", "TREAT")
				.param("reason", REASON)
				.with(csrf())
				.with(authentication(fixtures.signedIn(outsider))))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(404);
		assertThat(refused.getRedirectedUrl()).isNull();
		assertThat(jdbc.sql("select count(*) from breakglass.unlock where study_id = :s")
			.param("s", study.value())
			.query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from audit.entry where actor_id = :a and action = 'UNLOCK_REFUSED'")
			.param("a", outsider.toString())
			.query(Integer.class)
			.single()).as("the attempt is logged").isPositive();
	}

	@Test
	void theExplanationSaysTheStudyIsRestrictedAndNeedsAnUnlock() throws Exception {
		restrict(true, "VIP patient", admin);

		JsonNode before = explain(radiologist, admin);
		assertThat(before.get("unlockNeeded").asBoolean()).isTrue();
		assertThat(action(before, "LIST").get("permitted").asBoolean()).as("still listed").isTrue();
		JsonNode images = action(before, "VIEW_IMAGES");
		assertThat(images.get("permitted").asBoolean()).isFalse();
		assertThat(images.get("deniedReason").asString()).contains("restricted").contains("unlock");
		assertThat(mvc
			.perform(get("/studies/" + study + "/access").param("explain", radiologist.toString())
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("id=\"explain-unlock-needed\"");
		assertThat(explain(admin, admin).get("unlockNeeded").asBoolean()).as("the source admin needs none").isFalse();
		assertThat(perform(
				get("/api/v1/access/explain").param("studyId", study.toString()).param("userId", requester.toString()),
				radiologist)
			.getStatus()).as("only for those who manage access").isEqualTo(403);

		assertThat(unlock(radiologist, REASON).getStatus()).isEqualTo(201);
		JsonNode after = explain(radiologist, admin);
		assertThat(after.get("unlockNeeded").asBoolean()).isFalse();
		assertThat(action(after, "VIEW_IMAGES").get("permitted").asBoolean()).isTrue();
	}

	private JsonNode explain(UserId who, UserId by) throws Exception {
		return json.readTree(perform(
				get("/api/v1/access/explain").param("studyId", study.toString()).param("userId", who.toString()), by)
			.getContentAsString());
	}

	private static JsonNode action(JsonNode explanation, String action) {
		return explanation.get("actions")
			.valueStream()
			.filter(a -> a.get("action").asString().equals(action))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void theAdminRestrictsOnTheStudyPageAndLiftsIt() throws Exception {
		String page = mvc.perform(get("/studies/" + study).with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"study-restriction\"");
		mvc.perform(post("/studies/" + study + "/restriction").param("restricted", "true")
			.param("reason", "VIP patient")
			.with(csrf())
			.with(authentication(fixtures.signedIn(admin))));
		assertThat(perform(get("/api/v1/studies/" + study), radiologist).getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/studies/" + study).with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("id=\"restriction-state\"");

		MockHttpServletResponse lifted = restrict(false, "No longer needed", admin);
		assertThat(json.readTree(lifted.getContentAsString()).get("restricted").asBoolean()).isFalse();
		assertThat(perform(get("/api/v1/studies/" + study), radiologist).getStatus()).isEqualTo(200);
		assertThat(audit("STUDY_UNRESTRICTED")).isEqualTo(1);
	}

	@Test
	void onlyTheDepartmentsAdminsRestrictAndBadInputChangesNothing() throws Exception {
		UserId stranger = fixtures.sourceAdmin(fixtures.department("Radiology Elsewhere"), "Admin Elsewhere");

		assertThat(restrict(true, "mine", radiologist).getStatus()).isEqualTo(403);
		assertThat(restrict(true, "mine", requester).getStatus()).isEqualTo(403);
		assertThat(restrict(true, "mine", stranger).getStatus()).isEqualTo(404);
		assertThat(restrict(true, " ", admin).getStatus()).isEqualTo(400);
		assertThat(perform(put("/api/v1/studies/" + study + "/restriction").contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"no flag\"}"), admin).getStatus()).isEqualTo(400);

		assertThat(jdbc.sql("select count(*) from access.study_restriction where study_id = :s")
			.param("s", study.value())
			.query(Integer.class)
			.single()).isZero();
		assertThat(perform(get("/api/v1/studies/" + study), radiologist).getStatus()).isEqualTo(200);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where study_id = :s and actor_id = :a and outcome = 'DENIED'
				""").param("s", study.value()).param("a", stranger.toString()).query(Integer.class).single())
			.as("the stranger's attempt is logged")
			.isPositive();
	}

	private MockHttpServletResponse restrict(boolean restricted, String reason, UserId by) throws Exception {
		return perform(put("/api/v1/studies/" + study + "/restriction").contentType(MediaType.APPLICATION_JSON)
			.content("{\"restricted\":" + restricted + ",\"reason\":\"" + reason + "\"}"), by);
	}

	private MockHttpServletResponse unlock(UserId user, String reason) throws Exception {
		return perform(post("/api/v1/studies/" + study + "/unlock").contentType(MediaType.APPLICATION_JSON)
			.content("{\"purpose\":\"TREAT\",\"reason\":\"" + reason + "\"}"), user);
	}

	private java.util.List<String> listed(UserId user) throws Exception {
		return json.readTree(perform(get("/api/v1/studies").param("limit", "100"), user).getContentAsString())
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

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

}
