package org.studygate.access;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.PatientFixtures;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The ways around the one rule for giving access (decision 030) and around one patient
 * per birth-date code (decision 031), each tried as an attacker would through the real
 * API: refused, logged, and nothing given.
 */
@StudygateTest
class GivingBypassTests {

	private static final AtomicInteger addresses = new AtomicInteger(1);

	private static final LocalDate Y_BORN = LocalDate.of(1980, 7, 2);

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

	UserId clerk;

	UserId grantee;

	UserId third;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Giving");
		admin = fixtures.sourceAdmin(department, "Giving Admin");
		clerk = fixtures.sourceUser(department, "Giving Clerk");
		grantee = fixtures.physician("Dr Grantee", Fixtures.physicianNumber());
		third = fixtures.physician("Dr Third", Fixtures.physicianNumber());
		study = patients.study(department, 10);
	}

	// one patient per birth-date code

	@Test
	void printingTwoPatientsIntoOneBirthDateCodeIsRefusedNamingStudyIdsOnTheApiAndThePage() throws Exception {
		String x = "PX" + Fixtures.unique();
		StudyId ofX = patients.study(department, 10, x, PatientFixtures.BIRTH_DATE, null);
		StudyId ofY = patients.study(department, 10, "PY" + Fixtures.unique(), Y_BORN, null);

		for (String verification : List.of("DOB_ONLY", "OTP_SMS", "OTP_EMAIL")) {
			MockHttpServletResponse refused = api(post("/api/v1/buckets"), clerk, print(verification, ofX, ofY));
			assertThat(refused.getStatus()).as(verification).isEqualTo(400);
			assertThat(json.readTree(refused.getContentAsString()).get("field").asString()).isEqualTo("studyIds");
		}
		assertThat(bucketsHolding(ofY)).isZero();
		assertThat(logged("BUCKET_REFUSED", "DENIED", clerk)).isEqualTo(3);

		String page = mvc
			.perform(post("/buckets/print").with(authentication(fixtures.signedIn(clerk)))
				.with(csrf())
				.param("studyIds", ofX.toString(), ofY.toString())
				.param("verification", "DOB_ONLY")
				.param("scope", "IMAGES")
				.param("reason", "Patient at the desk")
				.param("language", "en")
				.param("patientAgreed", "true"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("may only hold studies of one patient").doesNotContain("Exception");
		assertThat(bucketsHolding(ofY)).isZero();

		// patient X's own code opens his study and never Y's
		StudyId againX = patients.study(department, 10, x, PatientFixtures.BIRTH_DATE, null);
		JsonNode printed = created(api(post("/api/v1/buckets"), clerk, print("DOB_ONLY", ofX, againX)));
		MockHttpServletResponse in = patientLogin(printed.get("code").asString(), PatientFixtures.BIRTH_DATE,
				new MockHttpSession());
		assertThat(in.getStatus()).isEqualTo(200);
		assertThat(in.getContentAsString()).contains(ofX.toString())
			.contains(againX.toString())
			.doesNotContain(ofY.toString());
	}

	@Test
	void studiesOfOnePatientKnownByHisNationalIdShareABirthDateCodeWhileAShareCodeMaySpanPatients() throws Exception {
		StudyId one = patients.study(department, 10, "PA" + Fixtures.unique(), PatientFixtures.BIRTH_DATE,
				"61031412345");
		StudyId other = patients.study(department, 10, "PB" + Fixtures.unique(), PatientFixtures.BIRTH_DATE,
				"61031412345");
		StudyId ofY = patients.study(department, 10, "PY" + Fixtures.unique(), Y_BORN, null);

		created(api(post("/api/v1/buckets"), clerk, print("DOB_ONLY", one, other)));
		created(api(post("/api/v1/buckets"), clerk, Map.of("studyIds", List.of(one.toString(), ofY.toString()), "email",
				"second.opinion@example.org", "scope", "IMAGES")));
	}

	@Test
	void mixedBirthDateBucketsPrintedBeforeAreBlockedWithAReasonAndTheirCodeOpensNothing() throws Exception {
		StudyId ofX = patients.study(department, 10, "PX" + Fixtures.unique(), PatientFixtures.BIRTH_DATE, null);
		StudyId ofY = patients.study(department, 10, "PY" + Fixtures.unique(), Y_BORN, null);
		JsonNode mixed = created(api(post("/api/v1/buckets"), clerk, print("DOB_ONLY", ofX)));
		JsonNode shared = created(api(post("/api/v1/buckets"), clerk, Map.of("studyIds",
				List.of(ofX.toString(), ofY.toString()), "email", "colleague@example.org", "scope", "IMAGES")));
		JsonNode single = created(api(post("/api/v1/buckets"), clerk, print("OTP_EMAIL", study)));
		// a bucket as printing made it before the rule: Y's study added to X's birth-date
		// code
		String bucket = mixed.get("id").asString();
		jdbc.sql("insert into bucket.bucket_study (bucket_id, study_id) values (:b, :s)")
			.param("b", java.util.UUID.fromString(bucket))
			.param("s", ofY.value())
			.update();
		jdbc.sql("""
				insert into refcode.reference_number_study (reference_number_id, study_id)
				select code_id, :s from bucket.bucket where id = :b""")
			.param("b", java.util.UUID.fromString(bucket))
			.param("s", ofY.value())
			.update();
		String code = mixed.get("code").asString();
		MockHttpSession patientX = new MockHttpSession();
		assertThat(patientLogin(code, PatientFixtures.BIRTH_DATE, patientX).getContentAsString())
			.contains(ofY.toString());

		Integer blocked = jdbc.sql("select bucket.block_mixed_birth_date_buckets('holds several patients')")
			.query(Integer.class)
			.single();

		assertThat(blocked).isGreaterThanOrEqualTo(1);
		JsonNode section = access(ofY).get("buckets");
		JsonNode line = section.valueStream()
			.filter(b -> b.get("id").asString().equals(bucket))
			.findFirst()
			.orElseThrow();
		assertThat(line.get("state").asString()).isEqualTo("BLOCKED");
		assertThat(line.get("blockedReason").asString()).isEqualTo("holds several patients");
		assertThat(mvc.perform(get("/studies/" + ofX + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("holds several patients");
		// the code opens nothing: neither the open session nor a new login
		assertThat(mvc.perform(get("/patient/api/studies").session(patientX))
			.andReturn()
			.getResponse()
			.getContentAsString()).doesNotContain(ofY.toString()).doesNotContain(ofX.toString());
		assertThat(patientLogin(code, PatientFixtures.BIRTH_DATE, new MockHttpSession()).getStatus()).isEqualTo(401);
		assertThat(patientLogin(code, Y_BORN, new MockHttpSession()).getStatus()).isEqualTo(401);
		// it stays blocked: the blocked page shows why and offers no unblocking, which is
		// refused; the
		// admin may still remove it
		String blockedPage = mvc
			.perform(get("/departments/" + department.code().value() + "/blocked")
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(blockedPage).contains("holds several patients");
		assertThat(api(post("/api/v1/buckets/" + bucket + "/unblock"), admin, null).getStatus()).isEqualTo(409);
		assertThat(mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.delete("/api/v1/studies/" + ofX + "/buckets/" + bucket + "?mode=REMOVE_BUCKET")
				.header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		// a share code spanning patients and a one-patient code are left alone
		assertThat(state(shared.get("id").asString())).isEqualTo("ACTIVE");
		assertThat(state(single.get("id").asString())).isEqualTo("ACTIVE");
	}

	// one rule for giving

	@Test
	void anImagesOnlyGranteeWithMayShareMintingAReportShareCodeIsRefusedAndLogged() throws Exception {
		grant(grantee, "IMAGES", true, null);

		MockHttpServletResponse refused = api(post("/api/v1/buckets"), grantee, Map.of("studyIds",
				List.of(study.toString()), "email", "friend@example.org", "scope", "IMAGES_REPORT_READ"));

		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(bucketsHolding(study)).isZero();
		assertThat(logged("GIVING_REFUSED", "DENIED", grantee)).isEqualTo(1);
		created(api(post("/api/v1/buckets"), grantee,
				Map.of("studyIds", List.of(study.toString()), "email", "friend@example.org", "scope", "IMAGES")));
	}

	@Test
	void aGranteeSharingToHimselfOrToAGroupOfHisIsRefusedAndLogged() throws Exception {
		Instant end = fixtures.clock().instant().plus(Duration.ofDays(5));
		grant(grantee, "IMAGES", true, end);
		GroupId practice = fixtures.practice("Own Practice", grantee);

		MockHttpServletResponse himself = api(post("/api/v1/shares"), grantee,
				share("USER", grantee.toString(), "IMAGES", LocalDate.now(department.timeZone()).plusDays(30), false));
		MockHttpServletResponse ownGroup = api(post("/api/v1/shares"), grantee,
				share("GROUP", practice.toString(), "IMAGES", null, false));

		assertThat(himself.getStatus()).isEqualTo(400);
		assertThat(json.readTree(himself.getContentAsString()).get("field").asString()).isEqualTo("recipients");
		assertThat(ownGroup.getStatus()).isEqualTo(400);
		String dialog = mvc
			.perform(post("/share").with(authentication(fixtures.signedIn(grantee)))
				.with(csrf())
				.param("studyIds", study.toString())
				.param("recipients", "USER:" + grantee)
				.param("scope", "IMAGES"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(dialog).contains("not yourself").doesNotContain("Exception");
		assertThat(logged("GIVING_REFUSED", "DENIED", grantee)).isEqualTo(3);
		assertThat(grantEnd(grantee)).isEqualTo(end.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		assertThat(grantsTo(practice.value())).isZero();
	}

	@Test
	void aShareMayNotOutlastTheSharersOwnGrantWhileSourceStaffMay() throws Exception {
		Instant end = fixtures.clock().instant().plus(Duration.ofDays(3));
		grant(grantee, "IMAGES", true, end);
		LocalDate late = LocalDate.now(department.timeZone()).plusDays(10);

		MockHttpServletResponse refused = api(post("/api/v1/shares"), grantee,
				share("USER", third.toString(), "IMAGES", late, false));
		MockHttpServletResponse code = api(post("/api/v1/buckets"), grantee,
				Map.of("studyIds", List.of(study.toString()), "email", "friend@example.org", "scope", "IMAGES",
						"validUntil", late.toString()));

		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(json.readTree(refused.getContentAsString()).get("field").asString()).isEqualTo("validUntil");
		assertThat(code.getStatus()).isEqualTo(400);
		assertThat(json.readTree(code.getContentAsString()).get("field").asString()).isEqualTo("validUntil");
		assertThat(grantsTo(third.value())).isZero();
		assertThat(logged("GIVING_REFUSED", "DENIED", grantee)).isEqualTo(2);

		// without an end of his choosing, the department's default is cut to his own, and
		// said so
		JsonNode cut = created(
				api(post("/api/v1/shares"), grantee, share("USER", third.toString(), "IMAGES", null, false)));
		assertThat(Instant.parse(cut.get("validUntil").asString())).isBeforeOrEqualTo(end);
		assertThat(grantEnd(third)).isBeforeOrEqualTo(end);

		// source staff are not bound by a grant's end
		UserId fourth = fixtures.physician("Dr Fourth", Fixtures.physicianNumber());
		created(api(post("/api/v1/shares"), clerk, share("USER", fourth.toString(), "IMAGES", late, false)));
		assertThat(grantEnd(fourth)).isAfter(end);
	}

	@Test
	void aGranteeWithoutDownloadGivingDownloadIsRefusedAndLoggedWhileTheRequesterMay() throws Exception {
		grant(grantee, "IMAGES", true, null);

		MockHttpServletResponse refused = api(post("/api/v1/shares"), grantee,
				share("USER", third.toString(), "IMAGES", null, true));

		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(grantsTo(third.value())).isZero();
		assertThat(logged("GIVING_REFUSED", "DENIED", grantee)).isEqualTo(1);

		String number = Fixtures.physicianNumber();
		UserId requester = fixtures.physician("Dr Requester", number);
		StudyId requested = fixtures.study(department, "Peeters^An", LocalDate.of(2026, 3, 1), number);
		Map<String, Object> body = share("USER", third.toString(), "IMAGES", null, true);
		body.put("studyIds", List.of(requested.toString()));
		JsonNode shared = created(api(post("/api/v1/shares"), requester, body));
		assertThat(shared.get("grants").get(0).get("mayDownload").asBoolean()).isTrue();
	}

	@Test
	void aShareCannotStretchTheRecipientsShorterReportGrantBeyondItsEnd() throws Exception {
		grant(grantee, "IMAGES", true, null);
		Instant soon = fixtures.clock().instant().plus(Duration.ofDays(1));
		grant(third, "IMAGES_REPORT_READ", false, soon);

		MockHttpServletResponse refused = api(post("/api/v1/shares"), grantee,
				share("USER", third.toString(), "IMAGES", LocalDate.now(department.timeZone()).plusDays(10), false));

		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(grantEnd(third)).isEqualTo(soon.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		assertThat(logged("GIVING_REFUSED", "DENIED", grantee)).isEqualTo(1);
	}

	@Test
	void aClaimGivesNoMoreThanTheCodeOpensNorStretchesTheClaimantsGrant() throws Exception {
		IssuedCode code = patients.code(study);
		Instant soon = fixtures.clock().instant().plus(Duration.ofDays(1));
		grant(grantee, "IMAGES_REPORT_READ", true, soon);

		MockHttpServletResponse stretched = claim(grantee, code.code());

		assertThat(stretched.getStatus()).isEqualTo(422);
		assertThat(grantEnd(grantee)).isEqualTo(soon.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		assertThat(logged("GIVING_REFUSED", "DENIED", grantee)).isEqualTo(1);

		// a physician without a grant gets what the code opens: images, no share, no
		// download
		assertThat(claim(third, code.code()).getStatus()).isEqualTo(201);
		Map<String, Object> claimed = jdbc.sql("""
				select scope, may_share, may_transfer from access.study_grant
				where study_id = :s and subject_id = :u and withdrawn_at is null""")
			.param("s", study.value())
			.param("u", third.value())
			.query()
			.singleRow();
		assertThat(claimed).containsEntry("scope", "IMAGES")
			.containsEntry("may_share", false)
			.containsEntry("may_transfer", false);
		assertThat(api(post("/api/v1/shares"), third, share("USER", grantee.toString(), "IMAGES", null, false))
			.getStatus()).isEqualTo(403);
	}

	@Test
	void nobodyGrantsHimselfThroughTheGrantsApi() throws Exception {
		MockHttpServletResponse refused = api(post("/api/v1/studies/" + study + "/grants"), admin,
				Map.of("subjectType", "USER", "subjectId", admin.toString(), "scope", "IMAGES"));

		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(json.readTree(refused.getContentAsString()).get("field").asString()).isEqualTo("subjectId");
		assertThat(logged("GIVING_REFUSED", "DENIED", admin)).isEqualTo(1);
		assertThat(grantsTo(admin.value())).isZero();
	}

	// helpers

	private Map<String, Object> print(String verification, StudyId... studies) {
		return Map.of("studyIds", List.of(studies).stream().map(StudyId::toString).toList(), "verification",
				verification, "scope", "IMAGES", "reason", "Patient asked at the desk", "language", "en",
				"patientAgreed", true);
	}

	private Map<String, Object> share(String type, String id, String scope, LocalDate until, boolean mayDownload) {
		Map<String, Object> body = new HashMap<>(
				Map.of("studyIds", List.of(study.toString()), "recipients", List.of(Map.of("type", type, "id", id)),
						"scope", scope, "mayShare", false, "notify", false, "mayDownload", mayDownload));
		if (until != null) {
			body.put("validUntil", until.toString());
		}
		return body;
	}

	private void grant(UserId to, String scope, boolean mayShare, Instant until) throws Exception {
		Map<String, Object> body = new HashMap<>(
				Map.of("subjectType", "USER", "subjectId", to.toString(), "scope", scope, "mayShare", mayShare));
		if (until != null) {
			body.put("validUntil", until.toString());
		}
		created(api(post("/api/v1/studies/" + study + "/grants"), admin, body));
	}

	private MockHttpServletResponse claim(UserId by, String code) throws Exception {
		return api(post("/api/v1/claims"), by,
				Map.of("referenceNumber", code, "birthDate", PatientFixtures.BIRTH_DATE.toString()));
	}

	private MockHttpServletResponse api(MockHttpServletRequestBuilder request, UserId as, Object body)
			throws Exception {
		request.header("Authorization", fixtures.bearer(as));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	private JsonNode created(MockHttpServletResponse response) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return json.readTree(response.getContentAsString());
	}

	private JsonNode access(StudyId of) throws Exception {
		MockHttpServletResponse response = api(get("/api/v1/studies/" + of + "/access"), admin, null);
		assertThat(response.getStatus()).isEqualTo(200);
		return json.readTree(response.getContentAsString());
	}

	private String state(String bucket) throws Exception {
		return json.readTree(api(get("/api/v1/buckets/" + bucket), admin, null).getContentAsString())
			.get("state")
			.asString();
	}

	private MockHttpServletResponse patientLogin(String code, LocalDate birthDate, MockHttpSession session)
			throws Exception {
		int n = addresses.getAndIncrement();
		String address = "10.73." + (n / 250) + "." + (n % 250 + 1);
		return mvc.perform(post("/patient/api/login?include=studies").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("referenceNumber", code, "birthDate", birthDate.toString())))
			.with(request -> {
				request.setRemoteAddr(address);
				return request;
			})
			.session(session)).andReturn().getResponse();
	}

	private long bucketsHolding(StudyId of) {
		return jdbc.sql("select count(*) from bucket.bucket_study where study_id = :s")
			.param("s", of.value())
			.query(Long.class)
			.single();
	}

	private long grantsTo(java.util.UUID subject) {
		return jdbc.sql("select count(*) from access.study_grant where subject_id = :u")
			.param("u", subject)
			.query(Long.class)
			.single();
	}

	private Instant grantEnd(UserId user) {
		return jdbc.sql("select valid_until from access.study_grant where subject_id = :u and withdrawn_at is null")
			.param("u", user.value())
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
	}

	private long logged(String action, String outcome, UserId actor) {
		return jdbc.sql("select count(*) from audit.entry where action = :a and outcome = :o and actor_id = :u")
			.param("a", action)
			.param("o", outcome)
			.param("u", actor.toString())
			.query(Long.class)
			.single();
	}

}
