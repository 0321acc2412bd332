package org.studygate.breakglass;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.BreakGlassPolicy;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Break-the-glass through the REST API: who is offered a study, what an unlock opens and
 * for how long, the refusals that must look like an unknown patient, the API hint, review
 * and revocation across departments, and the log entries each step leaves.
 */
@StudygateTest
class BreakGlassApiTests {

	static final String HINT = "https://studygate.org/problems/break-the-glass-possible";

	@Autowired
	WebApplicationContext context;

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Studies studies;

	@Autowired
	Departments departments;

	MockMvc mvc;

	Department north;

	Department south;

	UserId northAdmin;

	UserId southAdmin;

	UserId physician;

	StudyId study;

	String patientId;

	LocalDate birthDate;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		north = fixtures.department("Radiology North Glass");
		south = fixtures.department("Radiology South Glass");
		northAdmin = fixtures.sourceAdmin(north, "North Glass Admin");
		southAdmin = fixtures.sourceAdmin(south, "South Glass Admin");
		physician = fixtures.physician("Dr Emergency", Fixtures.physicianNumber());
		study = fixtures.study(north, "Janssens^Pieter", LocalDate.of(2026, 3, 1), Fixtures.physicianNumber());
		Study registered = studies.find(study).orElseThrow();
		patientId = registered.patient().patientId();
		birthDate = registered.patient().birthDate();
	}

	@Test
	void aPhysicianWhoKnowsThePatientUnlocksTheStudyAtOnceForTheDepartmentsDuration() throws Exception {
		assertThat(send(physician, get("/api/v1/studies/" + study), null).getStatus()).isEqualTo(404);

		JsonNode found = body(search(physician, patientId, birthDate));
		assertThat(found.get("items")).hasSize(1);
		assertThat(found.get("items").get(0).get("studyId").asString()).isEqualTo(study.toString());
		assertThat(found.get("items").get(0).get("minimumReasonLength").asInt()).isEqualTo(20);

		Instant before = fixtures.clock().instant();
		MockHttpServletResponse unlocked = unlock(physician, study, "ETREAT",
				"Unconscious patient in the emergency room");
		assertThat(unlocked.getStatus()).isEqualTo(201);
		JsonNode answer = body(unlocked);
		Instant expiresAt = Instant.parse(answer.get("expiresAt").asString());
		assertThat(Duration.between(before, expiresAt)).isBetween(Duration.ofHours(24),
				Duration.ofHours(24).plusMinutes(1));
		assertThat(answer.get("unlockId").asString()).isNotBlank();

		assertThat(send(physician, get("/api/v1/studies/" + study), null).getStatus()).isEqualTo(200);
		assertThat(listed(physician)).contains(study.toString());
		assertThat(send(physician, get("/api/v1/studies/" + study + "/access"), null).getStatus())
			.as("an unlock does not let him manage access")
			.isEqualTo(403);

		Map<String, Object> entry = logEntry(study, "STUDY_UNLOCKED");
		assertThat(entry.get("outcome")).isEqualTo("SUCCESS");
		assertThat(entry.get("actor_id")).isEqualTo(physician.toString());
		assertThat((String) entry.get("details")).contains("ETREAT")
			.contains("Unconscious patient in the emergency room");
	}

	@Test
	void aWrongBirthDateAnUnknownPatientAndADisabledPolicyAllGiveTheSameEmptyAnswer() throws Exception {
		String wrongDate = search(physician, patientId, birthDate.plusDays(1)).getContentAsString();
		String unknown = search(physician, "NOBODY" + Fixtures.unique(), birthDate).getContentAsString();
		assertThat(wrongDate).isEqualTo(unknown).isEqualTo("{\"items\":[],\"next\":null}");
		assertThat(unlock(physician, study, "ETREAT", "Unconscious patient in the emergency room").getStatus())
			.as("no unlock without the patient's ID and birth date")
			.isEqualTo(404);
		assertThat(logEntry(study, "UNLOCK_REFUSED").get("outcome")).isEqualTo("DENIED");

		setPolicy(new BreakGlassPolicy(false, null, null, null));
		String disabled = search(physician, patientId, birthDate).getContentAsString();
		assertThat(disabled).isEqualTo(unknown);
		assertThat(unlock(physician, study, "ETREAT", "Unconscious patient in the emergency room").getStatus())
			.isEqualTo(404);
		assertThat(count("select count(*) from breakglass.unlock where study_id = :s", study.value())).isZero();
	}

	@Test
	void aDisabledPolicyRefusesTheUnlockEvenAfterAMatch() throws Exception {
		assertThat(body(search(physician, patientId, birthDate)).get("items")).hasSize(1);
		setPolicy(new BreakGlassPolicy(false, null, null, null));

		MockHttpServletResponse refused = unlock(physician, study, "ETREAT",
				"Unconscious patient in the emergency room");

		assertThat(refused.getStatus()).isEqualTo(404);
		assertThat(send(physician, get("/api/v1/studies/" + study), null).getStatus()).isEqualTo(404);
		assertThat(count("select count(*) from breakglass.unlock where study_id = :s", study.value())).isZero();
	}

	@Test
	void onlyTheKindsOfUserThePolicyNamesMayUnlock() throws Exception {
		UserId clerk = fixtures.user("Clerk Glass");
		UserId otherStaff = fixtures.sourceUser(south, "South Glass User");
		assertThat(body(search(clerk, patientId, birthDate)).get("items")).isEmpty();
		assertThat(body(search(otherStaff, patientId, birthDate)).get("items")).isEmpty();

		setPolicy(new BreakGlassPolicy(true, 4, 30, java.util.Set.of(BreakGlassPolicy.Unlocker.SOURCE_USER)));

		assertThat(body(search(physician, patientId, birthDate)).get("items")).isEmpty();
		assertThat(body(search(clerk, patientId, birthDate)).get("items")).isEmpty();
		JsonNode offered = body(search(otherStaff, patientId, birthDate)).get("items");
		assertThat(offered).hasSize(1);
		assertThat(offered.get(0).get("durationHours").asInt()).isEqualTo(4);
		Instant before = fixtures.clock().instant();
		JsonNode unlocked = body(unlock(otherStaff, study, "TREAT", "Patient transferred to our ward tonight"));
		assertThat(Duration.between(before, Instant.parse(unlocked.get("expiresAt").asString())))
			.isBetween(Duration.ofHours(4), Duration.ofHours(4).plusMinutes(1));
	}

	@Test
	void aShortReasonAnUnknownPurposeAndAMissingBodyAreRefusedAndChangeNothing() throws Exception {
		search(physician, patientId, birthDate);

		MockHttpServletResponse shortReason = unlock(physician, study, "ETREAT", "   too short          ");
		assertThat(shortReason.getStatus()).isEqualTo(400);
		assertThat(body(shortReason).get("field").asString()).isEqualTo("reason");
		MockHttpServletResponse badPurpose = unlock(physician, study, "CURIOSITY",
				"Unconscious patient in the emergency room");
		assertThat(badPurpose.getStatus()).isEqualTo(400);
		assertThat(body(badPurpose).get("field").asString()).isEqualTo("purpose");
		assertThat(send(physician, post("/api/v1/studies/" + study + "/unlock"), "{}").getStatus()).isEqualTo(400);
		assertThat(send(physician, post("/api/v1/break-glass/search"),
				"{\"patientId\":\"X\",\"birthDate\":\"17/05/1970\"}")
			.getStatus()).isEqualTo(400);

		assertThat(count("select count(*) from breakglass.unlock where study_id = :s", study.value())).isZero();
		assertThat(send(physician, get("/api/v1/studies/" + study), null).getStatus()).isEqualTo(404);
	}

	@Test
	void aCancelledStudyIsNeitherOfferedNorUnlocked() throws Exception {
		search(physician, patientId, birthDate);
		jdbc.sql("update study.study set cancelled = true where id = :id").param("id", study.value()).update();

		assertThat(body(search(physician, patientId, birthDate)).get("items")).isEmpty();
		assertThat(unlock(physician, study, "ETREAT", "Unconscious patient in the emergency room").getStatus())
			.isEqualTo(404);
		assertThat(count("select count(*) from breakglass.unlock where study_id = :s", study.value())).isZero();
	}

	@Test
	void anUnlockOfACancelledStudyNoLongerOpensIt() throws Exception {
		unlocked(physician, study);
		jdbc.sql("update study.study set cancelled = true where id = :id").param("id", study.value()).update();

		assertThat(send(physician, get("/api/v1/studies/" + study), null).getStatus()).isEqualTo(404);
		assertThat(listed(physician)).doesNotContain(study.toString());
	}

	@Test
	void aRefusedRequestHintsAtBreakTheGlassOnlyAfterTheCallerGaveThePatientsIdAndBirthDate() throws Exception {
		MockHttpServletResponse before = send(physician, get("/api/v1/studies/" + study), null);
		assertThat(before.getStatus()).isEqualTo(404);
		assertThat(before.getContentAsString()).doesNotContain(HINT);
		search(physician, patientId, birthDate.minusDays(1));
		assertThat(send(physician, get("/api/v1/studies/" + study), null).getContentAsString())
			.as("a wrong birth date gives no hint")
			.doesNotContain(HINT);

		search(physician, patientId, birthDate);
		MockHttpServletResponse hinted = send(physician, get("/api/v1/studies/" + study), null);

		assertThat(hinted.getStatus()).isEqualTo(404);
		assertThat(body(hinted).get("type").asString()).isEqualTo(HINT);
		assertThat(body(hinted).get("unlock").asString()).isEqualTo("/api/v1/studies/" + study + "/unlock");
		UserId colleague = fixtures.physician("Dr Unaware", Fixtures.physicianNumber());
		assertThat(send(colleague, get("/api/v1/studies/" + study), null).getContentAsString())
			.as("another physician who gave nothing gets no hint")
			.doesNotContain(HINT);

		unlock(physician, study, "ETREAT", "Unconscious patient in the emergency room");
		assertThat(send(physician, get("/api/v1/studies/" + study + "/access"), null).getContentAsString())
			.as("no hint once he has unlocked it")
			.doesNotContain(HINT);
	}

	@Test
	void theAccessApiListsTheUnlockAndTheAdminReviewsIt() throws Exception {
		String unlockId = unlocked(physician, study);

		JsonNode access = body(send(northAdmin, get("/api/v1/studies/" + study + "/access"), null));
		JsonNode row = access.get("unlocked").get(0);
		assertThat(row.get("unlockId").asString()).isEqualTo(unlockId);
		assertThat(row.get("userName").asString()).isEqualTo("Dr Emergency");
		assertThat(row.get("purpose").asString()).isEqualTo("ETREAT");
		assertThat(row.get("reason").asString()).isEqualTo("Unconscious patient in the emergency room");
		assertThat(row.get("state").asString()).isEqualTo("ACTIVE");
		assertThat(row.get("review").isNull()).isTrue();
		assertThat(row.get("expiresAt").asString()).isNotBlank();
		assertThat(body(send(northAdmin, get("/api/v1/unlocks"), null)).get("items").toString()).contains(unlockId);

		MockHttpServletResponse reviewed = send(northAdmin, post("/api/v1/unlocks/" + unlockId + "/review"),
				"{\"verdict\":\"JUSTIFIED\",\"comment\":\"Seen in the ER log\"}");
		assertThat(reviewed.getStatus()).isEqualTo(200);
		assertThat(body(reviewed).get("review").asString()).isEqualTo("JUSTIFIED");
		assertThat(body(reviewed).get("reviewedBy").asString()).isEqualTo("North Glass Admin");
		assertThat(send(northAdmin, post("/api/v1/unlocks/" + unlockId + "/review"),
				"{\"verdict\":\"MISUSE\",\"comment\":\"again\"}")
			.getStatus()).isEqualTo(409);
		assertThat(send(northAdmin, post("/api/v1/unlocks/" + unlockId + "/review"),
				"{\"verdict\":\"MAYBE\",\"comment\":\"x\"}")
			.getStatus()).isIn(400, 409);
		assertThat((String) logEntry(study, "UNLOCK_REVIEWED").get("details")).contains("JUSTIFIED");
	}

	@Test
	void anAdminOfAnotherDepartmentCannotReviewOrRevokeAndTheAttemptsAreLogged() throws Exception {
		String unlockId = unlocked(physician, study);

		MockHttpServletResponse review = send(southAdmin, post("/api/v1/unlocks/" + unlockId + "/review"),
				"{\"verdict\":\"MISUSE\",\"comment\":\"not mine\"}");
		MockHttpServletResponse revoke = send(southAdmin, delete("/api/v1/unlocks/" + unlockId), null);
		MockHttpServletResponse byThePhysician = send(physician, delete("/api/v1/unlocks/" + unlockId), null);
		MockHttpServletResponse unknown = send(southAdmin, delete("/api/v1/unlocks/" + UUID.randomUUID()), null);

		assertThat(review.getStatus()).isEqualTo(404);
		assertThat(revoke.getStatus()).isEqualTo(404);
		assertThat(byThePhysician.getStatus()).as("his own unlock gives him no right to manage it").isEqualTo(403);
		assertThat(unknown.getStatus()).isEqualTo(404);
		assertThat(count("""
				select count(*) from audit.entry where study_id = :s and action = 'MANAGE_ACCESS' and outcome = 'DENIED'
				  and actor_id = '""" + southAdmin + "'", study.value())).isEqualTo(2);
		assertThat(send(physician, get("/api/v1/studies/" + study), null).getStatus()).as("still unlocked")
			.isEqualTo(200);
		assertThat(count(
				"select count(*) from breakglass.unlock where id = :s and reviewed_at is null and revoked_at is null",
				UUID.fromString(unlockId)))
			.isEqualTo(1);
	}

	@Test
	void aRevokedUnlockStopsAccessOnTheNextRequest() throws Exception {
		String unlockId = unlocked(physician, study);
		assertThat(send(physician, get("/api/v1/studies/" + study), null).getStatus()).isEqualTo(200);

		assertThat(send(northAdmin, delete("/api/v1/unlocks/" + unlockId).param("comment", "No emergency"), null)
			.getStatus()).isEqualTo(204);

		assertThat(send(physician, get("/api/v1/studies/" + study), null).getStatus()).isEqualTo(404);
		assertThat(listed(physician)).doesNotContain(study.toString());
		assertThat(send(northAdmin, delete("/api/v1/unlocks/" + unlockId), null).getStatus()).isEqualTo(409);
		Map<String, Object> entry = logEntry(study, "UNLOCK_REVOKED");
		assertThat(entry.get("actor_id")).isEqualTo(northAdmin.toString());
		assertThat((String) entry.get("details")).contains("No emergency").contains("ETREAT").contains("Dr Emergency");
		JsonNode row = body(send(northAdmin, get("/api/v1/studies/" + study + "/access"), null)).get("unlocked").get(0);
		assertThat(row.get("state").asString()).isEqualTo("REVOKED");
		assertThat(row.get("revokedBy").asString()).isEqualTo("North Glass Admin");
	}

	@Test
	void theUnlockGivesWhatAnEmergencyNeedsAndNothingMore() throws Exception {
		unlocked(physician, study);
		Actor actor = fixtures.actor(physician);
		Study registered = studies.find(study).orElseThrow();
		var access = context.getBean(org.studygate.access.AccessControl.class);
		for (var action : org.studygate.access.Action.values()) {
			boolean expected = UnlockPath.PERMITS.contains(action);
			assertThat(access.decide(actor, registered, action).isPermitted()).as(action.name()).isEqualTo(expected);
		}
		assertThat(UnlockPath.PERMITS).containsExactlyInAnyOrder(org.studygate.access.Action.LIST,
				org.studygate.access.Action.VIEW_IMAGES, org.studygate.access.Action.VIEW_REPORT);
	}

	@Test
	void theFhirExportShowsEmergencyOverrideStartedAndStopped() throws Exception {
		String unlockId = unlocked(physician, study);
		send(northAdmin, delete("/api/v1/unlocks/" + unlockId), null);
		String uid = studies.find(study).orElseThrow().studyInstanceUid();

		MockHttpServletResponse response = mvc
			.perform(get("/fhir/AuditEvent?entity-identifier=" + uid).header("Authorization",
					fixtures.bearer(northAdmin)))
			.andReturn()
			.getResponse();

		org.hl7.fhir.r4.model.Bundle bundle = ca.uhn.fhir.context.FhirContext.forR4Cached()
			.newJsonParser()
			.parseResource(org.hl7.fhir.r4.model.Bundle.class, response.getContentAsString());
		List<org.hl7.fhir.r4.model.AuditEvent> events = bundle.getEntry()
			.stream()
			.map(e -> (org.hl7.fhir.r4.model.AuditEvent) e.getResource())
			.toList();
		org.hl7.fhir.r4.model.AuditEvent started = only(events, "STUDY_UNLOCKED");
		assertThat(started.getType().getCode()).isEqualTo("110113");
		assertThat(started.getSubtype()).anySatisfy(c -> assertThat(c.getCode()).isEqualTo("110127"));
		assertThat(started.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("ETREAT");
		org.hl7.fhir.r4.model.AuditEvent stopped = only(events, "UNLOCK_REVOKED");
		assertThat(stopped.getType().getCode()).isEqualTo("110113");
		assertThat(stopped.getSubtype()).anySatisfy(c -> assertThat(c.getCode()).isEqualTo("110138"));
		assertThat(stopped.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("ETREAT");
		assertThat(stopped.getEntity()).anySatisfy(
				entity -> assertThat(entity.getDetail()).anySatisfy(d -> assertThat(d.getValueStringType().getValue())
					.isEqualTo("Unconscious patient in the emergency room")));
	}

	private static org.hl7.fhir.r4.model.AuditEvent only(List<org.hl7.fhir.r4.model.AuditEvent> events, String action) {
		List<org.hl7.fhir.r4.model.AuditEvent> matching = events.stream()
			.filter(e -> e.getSubtype().stream().anyMatch(c -> action.equals(c.getCode())))
			.toList();
		assertThat(matching).as(action).hasSize(1);
		return matching.get(0);
	}

	String unlocked(UserId user, StudyId id) throws Exception {
		Study registered = studies.find(id).orElseThrow();
		assertThat(body(search(user, registered.patient().patientId(), registered.patient().birthDate())).get("items"))
			.isNotEmpty();
		MockHttpServletResponse response = unlock(user, id, "ETREAT", "Unconscious patient in the emergency room");
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return body(response).get("unlockId").asString();
	}

	void setPolicy(BreakGlassPolicy policy) {
		departments.changeSettings(Actor.systemOperator("test"), north.code().value(), s -> s.withBreakGlass(policy));
	}

	MockHttpServletResponse search(UserId user, String patient, LocalDate birth) throws Exception {
		return send(user, post("/api/v1/break-glass/search"),
				"{\"patientId\":\"" + patient + "\",\"birthDate\":\"" + birth + "\"}");
	}

	MockHttpServletResponse unlock(UserId user, StudyId id, String purpose, String reason) throws Exception {
		return send(user, post("/api/v1/studies/" + id + "/unlock"),
				json.writeValueAsString(Map.of("purpose", purpose, "reason", reason)));
	}

	List<String> listed(UserId user) throws Exception {
		JsonNode items = body(send(user, get("/api/v1/studies"), null)).get("items");
		List<String> ids = new java.util.ArrayList<>();
		items.forEach(item -> ids.add(item.get("id").asString()));
		return ids;
	}

	MockHttpServletResponse send(UserId user, MockHttpServletRequestBuilder request, String content) throws Exception {
		request.header("Authorization", fixtures.bearer(user));
		if (content != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(content);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	JsonNode body(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString());
	}

	Map<String, Object> logEntry(StudyId id, String action) {
		List<Map<String, Object>> rows = jdbc.sql(
				"select outcome, actor_id, details::text as details from audit.entry where study_id = :s and action = :a order by id desc")
			.param("s", id.value())
			.param("a", action)
			.query()
			.listOfRows();
		assertThat(rows).as(action).isNotEmpty();
		return rows.get(0);
	}

	long count(String sql, Object id) {
		return jdbc.sql(sql).param("s", id).query(Long.class).single();
	}

}
