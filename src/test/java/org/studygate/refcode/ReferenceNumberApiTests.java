package org.studygate.refcode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Reference numbers through the REST API and the patient login for apps
 * (docs/product/09-api-contract.md): delivery by the RIS, encryption at rest, the one
 * generic failure, blocking and unblocking, withdrawal, regeneration, compliance,
 * validity in the department's time zone, the code session's reach, and the access log.
 */
@StudygateTest
class ReferenceNumberApiTests {

	private static final AtomicInteger addresses = new AtomicInteger(1);

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	Department department;

	UserId admin;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Codes");
		admin = fixtures.sourceAdmin(department, "Codes Admin");
		study = patients.study(department, 40);
	}

	/**
	 * A client address of its own, so that the throttle of one test never reaches
	 * another.
	 */
	static RequestPostProcessor client(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	static String freshAddress() {
		int n = addresses.getAndIncrement();
		return "10.61." + (n / 250) + "." + (n % 250 + 1);
	}

	JsonNode deliver(StudyId study, String body) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(post("/api/v1/studies/" + study + "/reference-numbers")
				.header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return json.readTree(response.getContentAsString());
	}

	MockHttpServletResponse login(String code, Object birthDate, String address, MockHttpSession session)
			throws Exception {
		var request = post("/patient/api/login").contentType(MediaType.APPLICATION_JSON)
			.content(json
				.writeValueAsString(java.util.Map.of("referenceNumber", code, "birthDate", String.valueOf(birthDate))))
			.with(client(address));
		if (session != null) {
			request.session(session);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	@Test
	void aSignInAnswersTheSessionsStudiesWhenTheClientAsksForThem() throws Exception {
		IssuedCode code = patients.code(study);
		MockHttpServletResponse answer = mvc
			.perform(post("/patient/api/login?include=studies").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(java.util.Map.of("referenceNumber", code.code(), "birthDate",
						PatientFixtures.BIRTH_DATE.toString())))
				.with(client(freshAddress())))
			.andReturn()
			.getResponse();
		assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(200);
		JsonNode next = json.readTree(answer.getContentAsString());
		assertThat(next.get("next").asString()).isEqualTo("STUDY");
		assertThat(next.get("studies")).hasSize(1);
		assertThat(next.get("studies").get(0).get("id").asString()).isEqualTo(study.toString());
	}

	@Test
	void aRisDeliversItsOwnCodeWhichIsStoredOnlyEncryptedAndOpensTheStudyForThePatient() throws Exception {
		String code = "K7M2-Q9WX-4T";
		JsonNode issued = deliver(study, "{\"code\":\"" + code + "\"}");
		assertThat(issued.get("code").asString()).isEqualTo("K7M2Q9WX4T");
		UUID id = UUID.fromString(issued.get("id").asString());

		String stored = jdbc.sql("select row_to_json(r)::text from refcode.reference_number r where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("K7M2Q9WX4T").doesNotContain("K7M2");
		byte[] cipher = jdbc.sql("select code_cipher from refcode.reference_number where id = :id")
			.param("id", id)
			.query(byte[].class)
			.single();
		assertThat(new String(cipher, StandardCharsets.ISO_8859_1)).doesNotContain("K7M2Q9WX4T");

		MockHttpSession session = new MockHttpSession();
		MockHttpServletResponse answer = login("k7m2 q9wx 4t", PatientFixtures.BIRTH_DATE, freshAddress(), session);
		assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(200);
		JsonNode next = json.readTree(answer.getContentAsString());
		assertThat(next.get("next").asString()).isEqualTo("STUDY");
		assertThat(next.path("studies").isMissingNode() || next.path("studies").isNull())
			.as("the studies are listed in the answer only when asked for")
			.isTrue();

		String studies = mvc.perform(get("/patient/api/studies").session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(studies).contains(study.toString());
		assertThat(mvc.perform(get("/patient/studies/" + study).session(session)).andReturn().getResponse().getStatus())
			.isEqualTo(200);

		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'PATIENT_LOGIN' and outcome = 'SUCCESS'
				  and actor_kind = 'PATIENT_CODE' and actor_id = :id and channel = 'PATIENT_PORTAL'
				""").param("id", id.toString()).query(Long.class).single()).isEqualTo(1);
		assertThat(
				jdbc.sql("select count(*) from audit.entry where action = 'REFERENCE_NUMBER_ISSUED' and study_id = :s")
					.param("s", study.value())
					.query(Long.class)
					.single())
			.isEqualTo(1);
	}

	@Test
	void aPatientSessionReachesOnlyItsOwnStudiesAndNeverTheStaffPages() throws Exception {
		StudyId other = patients.study(department, 10);
		String code = patients.code(study).code();
		MockHttpSession session = new MockHttpSession();
		assertThat(login(code, PatientFixtures.BIRTH_DATE, freshAddress(), session).getStatus()).isEqualTo(200);

		assertThat(mvc.perform(get("/patient/studies/" + other).session(session)).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(jdbc.sql(
				"select count(*) from audit.entry where study_id = :s and outcome = 'DENIED' and actor_kind = 'PATIENT_CODE'")
			.param("s", other.value())
			.query(Long.class)
			.single()).isEqualTo(1);
		MockHttpServletResponse explore = mvc.perform(get("/explore").session(session)).andReturn().getResponse();
		assertThat(explore.getStatus()).isNotEqualTo(200);
		assertThat(mvc.perform(get("/studies/" + study).session(session)).andReturn().getResponse().getStatus())
			.isNotEqualTo(200);
		assertThat(mvc.perform(get("/api/v1/studies/" + study).session(session)).andReturn().getResponse().getStatus())
			.isEqualTo(401);
	}

	@Test
	void everyFailureGetsTheSameAnswerAndFiveWrongBirthDatesBlockTheCodeUntilAnAdminUnblocksIt() throws Exception {
		String code = patients.code(study).code();
		UUID id = jdbc.sql("select reference_number_id from refcode.reference_number_study where study_id = :s")
			.param("s", study.value())
			.query(UUID.class)
			.single();
		String address = freshAddress();
		Set<String> bodies = new HashSet<>();
		MockHttpServletResponse unknown = login("ZZZZZZZZZZ", PatientFixtures.BIRTH_DATE, address, null);
		bodies.add(unknown.getStatus() + unknown.getContentAsString());
		for (int i = 0; i < 5; i++) {
			MockHttpServletResponse wrong = login(code, PatientFixtures.BIRTH_DATE.plusDays(i + 1), address, null);
			bodies.add(wrong.getStatus() + wrong.getContentAsString());
		}
		assertThat(patients.state(id)).isEqualTo("BLOCKED");
		MockHttpServletResponse blocked = login(code, PatientFixtures.BIRTH_DATE, freshAddress(), null);
		bodies.add(blocked.getStatus() + blocked.getContentAsString());
		MockHttpServletResponse malformed = login(code, "not a date", freshAddress(), null);
		bodies.add(malformed.getStatus() + malformed.getContentAsString());
		assertThat(bodies).hasSize(1);
		assertThat(bodies.iterator().next()).startsWith("401").contains("Sign-in failed").doesNotContain(code);

		assertThat(jdbc
			.sql("""
					select count(*) from audit.entry where action = 'PATIENT_LOGIN' and outcome = 'FAILURE'
					  and actor_kind = 'ANONYMOUS' and details->>'referenceNumber' = :id and details->>'reason' = 'wrong birth date'
					""")
			.param("id", id.toString())
			.query(Long.class)
			.single()).isEqualTo(6);

		UserId stranger = fixtures.sourceAdmin(fixtures.department("Radiology Elsewhere"), "Other Admin");
		assertThat(mvc
			.perform(post("/api/v1/studies/" + study + "/reference-numbers/" + id + "/unblock").header("Authorization",
					fixtures.bearer(stranger)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(patients.state(id)).isEqualTo("BLOCKED");
		assertThat(jdbc
			.sql("select count(*) from audit.entry where study_id = :s and outcome = 'DENIED' and actor_id = :u")
			.param("s", study.value())
			.param("u", stranger.toString())
			.query(Long.class)
			.single()).isEqualTo(1);

		assertThat(mvc
			.perform(post("/api/v1/studies/" + study + "/reference-numbers/" + id + "/unblock").header("Authorization",
					fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		assertThat(patients.state(id)).isEqualTo("ACTIVE");
		assertThat(patients.failedLogins(id)).isZero();
		assertThat(login(code, PatientFixtures.BIRTH_DATE, freshAddress(), null).getStatus()).isEqualTo(200);
		assertThat(jdbc
			.sql("select count(*) from audit.entry where action = 'REFERENCE_NUMBER_UNBLOCKED' and study_id = :s")
			.param("s", study.value())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aWithdrawnOrSupersededCodeNoLongerOpensAndRegeneratedCodesAreShownOnce() throws Exception {
		IssuedCode first = patients.code(study);
		patients.policy(department, new ReferenceNumberPolicy(null, null, null, null, null, null, null,
				ReferenceNumberPolicy.Generation.PER_STUDY));
		MockHttpSession session = new MockHttpSession();
		assertThat(login(first.code(), PatientFixtures.BIRTH_DATE, freshAddress(), session).getStatus()).isEqualTo(200);

		MockHttpServletResponse regenerated = mvc
			.perform(post("/api/v1/studies/" + study + "/reference-numbers/regenerate").header("Authorization",
					fixtures.bearer(admin)))
			.andReturn()
			.getResponse();
		assertThat(regenerated.getStatus()).isEqualTo(200);
		JsonNode codes = json.readTree(regenerated.getContentAsString());
		assertThat(codes).hasSize(1);
		String second = codes.get(0).get("code").asString();
		assertThat(second).hasSize(10).isNotEqualTo(first.code());
		assertThat(patients.state(first.id())).isEqualTo("SUPERSEDED");
		// the open session of the superseded code loses the study at its next request
		assertThat(mvc.perform(get("/patient/studies/" + study).session(session)).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(login(first.code(), PatientFixtures.BIRTH_DATE, freshAddress(), null).getStatus()).isEqualTo(401);

		UUID secondId = UUID.fromString(codes.get(0).get("id").asString());
		assertThat(mvc
			.perform(delete("/api/v1/studies/" + study + "/reference-numbers/" + secondId).header("Authorization",
					fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		assertThat(login(second, PatientFixtures.BIRTH_DATE, freshAddress(), null).getStatus()).isEqualTo(401);

		String access = mvc
			.perform(get("/api/v1/studies/" + study + "/access").header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode lines = json.readTree(access).get("referenceNumbers");
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0).get("maskedCode").asString()).isEqualTo("\u2022".repeat(10));
		assertThat(access).doesNotContain(first.code()).doesNotContain(second);
	}

	@Test
	void aCodeThatNoLongerMeetsTheCurrentPolicyIsMarkedAndRefused() throws Exception {
		String code = deliver(study, "{\"code\":\"ABCDEFGH\"}").get("code").asString();
		String access = mvc
			.perform(get("/api/v1/studies/" + study + "/access").header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(json.readTree(access).get("referenceNumbers").get(0).get("compliant").asBoolean()).isFalse();
		assertThat(login(code, PatientFixtures.BIRTH_DATE, freshAddress(), null).getStatus()).isEqualTo(401);

		patients.policy(department, new ReferenceNumberPolicy(null, null, 35, null, null, null, null, null));
		assertThat(login(code, PatientFixtures.BIRTH_DATE, freshAddress(), null).getStatus()).isEqualTo(200);
	}

	@Test
	void validityDatesAreDaysInTheDepartmentsTimeZone() throws Exception {
		for (String zone : List.of("Pacific/Kiritimati", "Pacific/Pago_Pago")) {
			Department far = fixtures.department("Radiology " + zone.substring(8));
			jdbc.sql("update department.department set time_zone = :z where id = :id")
				.param("z", zone)
				.param("id", far.id().value())
				.update();
			UserId farAdmin = fixtures.sourceAdmin(far, "Far Admin");
			StudyId farStudy = patients.study(far, 5);
			LocalDate today = Instant.now().atZone(ZoneId.of(zone)).toLocalDate();

			String lastDayToday = deliverAs(farAdmin, farStudy, "{\"validTo\":\"" + today + "\"}");
			Instant validTo = jdbc
				.sql("select valid_to from refcode.reference_number where lookup_hash is not null and id = :id")
				.param("id", UUID.fromString(json.readTree(lastDayToday).get("id").asString()))
				.query(java.sql.Timestamp.class)
				.single()
				.toInstant();
			assertThat(validTo).isEqualTo(today.plusDays(1).atStartOfDay(ZoneId.of(zone)).toInstant());
			assertThat(login(code(lastDayToday), PatientFixtures.BIRTH_DATE, freshAddress(), null).getStatus())
				.isEqualTo(200);

			String endedYesterday = deliverAs(farAdmin, farStudy, "{\"validTo\":\"" + today.minusDays(1) + "\"}");
			assertThat(login(code(endedYesterday), PatientFixtures.BIRTH_DATE, freshAddress(), null).getStatus())
				.isEqualTo(401);

			String fromTomorrow = deliverAs(farAdmin, farStudy, "{\"validFrom\":\"" + today.plusDays(1) + "\"}");
			assertThat(login(code(fromTomorrow), PatientFixtures.BIRTH_DATE, freshAddress(), null).getStatus())
				.isEqualTo(401);

			String fromToday = deliverAs(farAdmin, farStudy, "{\"validFrom\":\"" + today + "\"}");
			assertThat(login(code(fromToday), PatientFixtures.BIRTH_DATE, freshAddress(), null).getStatus())
				.isEqualTo(200);
		}
	}

	private String deliverAs(UserId user, StudyId study, String body) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(post("/api/v1/studies/" + study + "/reference-numbers")
				.header("Authorization", fixtures.bearer(user))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return response.getContentAsString();
	}

	private String code(String issued) {
		return json.readTree(issued).get("code").asString();
	}

	@Test
	void resultsThatHaveNotArrivedAreNotAvailableYet() throws Exception {
		StudyId waiting = patients.study(department, 0);
		String code = patients.code(waiting).code();
		MockHttpServletResponse answer = login(code, PatientFixtures.BIRTH_DATE, freshAddress(), null);
		assertThat(answer.getStatus()).isEqualTo(409);
		assertThat(answer.getContentAsString()).contains("not available yet");
	}

	@Test
	void onlyThoseWhoManageTheStudysAccessRevealWithdrawOrRegenerateAndRevealingIsLogged() throws Exception {
		IssuedCode code = patients.code(study);
		UserId physician = fixtures.physician("Dr Outsider", Fixtures.physicianNumber());
		UserId otherAdmin = fixtures.sourceAdmin(fixtures.department("Radiology Other"), "Other");
		for (UserId stranger : List.of(physician, otherAdmin)) {
			for (var request : List.of(post("/api/v1/studies/" + study + "/reference-numbers/" + code.id() + "/reveal"),
					delete("/api/v1/studies/" + study + "/reference-numbers/" + code.id()),
					post("/api/v1/studies/" + study + "/reference-numbers/regenerate"),
					post("/api/v1/studies/" + study + "/reference-numbers").contentType(MediaType.APPLICATION_JSON)
						.content("{}"))) {
				MockHttpServletResponse refused = mvc
					.perform(request.header("Authorization", fixtures.bearer(stranger)))
					.andReturn()
					.getResponse();
				assertThat(refused.getStatus()).isEqualTo(404);
				assertThat(refused.getContentAsString()).doesNotContain(code.code());
			}
		}
		assertThat(patients.state(code.id())).isEqualTo("ACTIVE");

		MockHttpServletResponse revealed = mvc
			.perform(post("/api/v1/studies/" + study + "/reference-numbers/" + code.id() + "/reveal")
				.header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse();
		assertThat(json.readTree(revealed.getContentAsString()).get("code").asString()).isEqualTo(code.code());
		assertThat(jdbc.sql(
				"select count(*) from audit.entry where action = 'REFERENCE_NUMBER_REVEALED' and actor_id = :u and study_id = :s")
			.param("u", admin.toString())
			.param("s", study.value())
			.query(Long.class)
			.single()).isEqualTo(1);

		// a code of another study of the same department is not found under this study
		StudyId other = patients.study(department, 3);
		IssuedCode otherCode = patients.code(other);
		assertThat(mvc
			.perform(post("/api/v1/studies/" + study + "/reference-numbers/" + otherCode.id() + "/reveal")
				.header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void theSectionOnTheAccessTabShowsCodesMaskedAndRevealsThemOnPurposeOnly() throws Exception {
		IssuedCode code = patients.code(study);
		var result = mvc.perform(get("/studies/" + study + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn();
		String page = result.getResponse().getContentAsString();
		assertThat(page).contains("id=\"access-referenceNumbers\"")
			.contains("\u2022".repeat(10))
			.doesNotContain(code.code());

		String revealed = mvc
			.perform(post("/studies/" + study + "/reference-numbers/" + code.id() + "/reveal")
				.with(authentication(fixtures.signedIn(admin)))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(revealed).contains(code.code());

		String confirm = mvc
			.perform(get("/studies/" + study + "/reference-numbers/" + code.id() + "/withdraw")
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(confirm).contains("id=\"confirm\"");
		assertThat(patients.state(code.id())).isEqualTo("ACTIVE");
		assertThat(mvc
			.perform(post("/studies/" + study + "/reference-numbers/" + code.id() + "/withdraw")
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(patients.state(code.id())).isEqualTo("ACTIVE");
		mvc.perform(post("/studies/" + study + "/reference-numbers/" + code.id() + "/withdraw")
			.with(authentication(fixtures.signedIn(admin)))
			.with(csrf()));
		assertThat(patients.state(code.id())).isEqualTo("WITHDRAWN");
	}

	@Test
	void theServiceDeskSetsTheDepartmentsPolicyWithItsOwnFormKeepingTheOtherSettings() throws Exception {
		UserId desk = fixtures.serviceDesk("Desk Policy");
		mvc.perform(post("/admin/departments/" + department.code().value() + "/reference-numbers")
			.with(authentication(fixtures.signedIn(desk)))
			.with(csrf())
			.param("alphabet", "ABCDEFGHJKMNPQRSTUVWXYZ")
			.param("length", "12")
			.param("minimumEntropyBits", "54")
			.param("verification", "OTP_SMS")
			.param("patientScope", "IMAGES_REPORT_READ")
			.param("validityDefaultDays", "30")
			.param("validityMaximumDays", "90")
			.param("generateOnArrival", "PER_ORDER"));
		String settings = jdbc.sql("select settings::text from department.department where id = :id")
			.param("id", department.id().value())
			.query(String.class)
			.single();
		JsonNode policy = json.readTree(settings).get("referenceNumbers");
		assertThat(policy.get("verification").asString()).isEqualTo("OTP_SMS");
		assertThat(policy.get("length").asInt()).isEqualTo(12);
		assertThat(policy.get("generateOnArrival").asString()).isEqualTo("PER_ORDER");
		assertThat(json.readTree(settings).get("shareValidityDefaultDays").asInt()).isEqualTo(30);

		String page = mvc
			.perform(get("/admin/departments/" + department.code().value())
				.with(authentication(fixtures.signedIn(desk))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"reference-number-policy\"");

		// an admin of the department is not the service desk: refused, nothing changes
		mvc.perform(post("/admin/departments/" + department.code().value() + "/reference-numbers")
			.with(authentication(fixtures.signedIn(admin)))
			.with(csrf())
			.param("verification", "DOB_ONLY"));
		assertThat(json
			.readTree(jdbc.sql("select settings::text from department.department where id = :id")
				.param("id", department.id().value())
				.query(String.class)
				.single())
			.get("referenceNumbers")
			.get("verification")
			.asString()).isEqualTo("OTP_SMS");
	}

	@Test
	void theBrandedLoginPageAnswersEveryFailureWithTheSameMessageAndStatus() throws Exception {
		String code = patients.code(study).code();
		String branded = mvc.perform(get("/patient/" + department.code().value()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(branded).contains(department.name());
		assertThat(mvc.perform(get("/patient/NO-SUCH-DEPT")).andReturn().getResponse().getStatus()).isEqualTo(404);

		Set<String> answers = new HashSet<>();
		for (String[] attempt : List.of(new String[] { "ZZZZZZZZZZ", PatientFixtures.BIRTH_DATE.toString() },
				new String[] { code, "1999-12-31" }, new String[] { code, "" })) {
			MockHttpServletResponse page = mvc
				.perform(post("/patient/login").with(csrf())
					.with(client(freshAddress()))
					.param("referenceNumber", attempt[0])
					.param("birthDate", attempt[1])
					.param("department", department.code().value()))
				.andReturn()
				.getResponse();
			String problem = page.getContentAsString().replaceAll("(?s).*id=\"patient-problem\">([^<]*)<.*", "$1");
			answers.add(page.getStatus() + " " + problem);
			assertThat(page.getContentAsString()).doesNotContain(code);
		}
		assertThat(answers).hasSize(1);
		assertThat(answers.iterator().next()).startsWith("200 The reference number and birth date do not match");
		// another department's branded page does not open this department's code
		Department other = fixtures.department("Radiology Branded Other");
		MockHttpServletResponse elsewhere = mvc
			.perform(post("/patient/login").with(csrf())
				.with(client(freshAddress()))
				.param("referenceNumber", code)
				.param("birthDate", PatientFixtures.BIRTH_DATE.toString())
				.param("department", other.code().value()))
			.andReturn()
			.getResponse();
		assertThat(elsewhere.getContentAsString()).contains("id=\"patient-problem\"");
		MockHttpServletResponse right = mvc
			.perform(post("/patient/login").with(csrf())
				.with(client(freshAddress()))
				.param("referenceNumber", code)
				.param("birthDate", PatientFixtures.BIRTH_DATE.toString())
				.param("department", department.code().value()))
			.andReturn()
			.getResponse();
		assertThat(right.getRedirectedUrl()).isEqualTo("/patient/studies");
	}

	@Test
	void studiesArrivingGetACodePerStudyOrPerOrderAsThePolicySays() {
		patients.policy(department, new ReferenceNumberPolicy(null, null, null, null, null, null, null,
				ReferenceNumberPolicy.Generation.PER_STUDY));
		StudyId arriving = patients.study(department, 4);
		assertThat(jdbc.sql("select count(*) from refcode.reference_number_study where study_id = :s")
			.param("s", arriving.value())
			.query(Long.class)
			.single()).isEqualTo(1);

		patients.policy(department, new ReferenceNumberPolicy(null, null, null, null, null, null, null,
				ReferenceNumberPolicy.Generation.NONE));
		StudyId without = patients.study(department, 4);
		assertThat(jdbc.sql("select count(*) from refcode.reference_number_study where study_id = :s")
			.param("s", without.value())
			.query(Long.class)
			.single()).isZero();
	}

}
