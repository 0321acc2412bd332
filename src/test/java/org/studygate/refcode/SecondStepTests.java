package org.studygate.refcode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.UserId;
import org.studygate.sms.SmsOutbox;
import org.studygate.sms.SmsPort;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The second step of the patient login (docs/product/05-workflows.md) through the app
 * API: one-time passwords (only the newest works, 10 minutes, the fifth wrong one blocks
 * the code, stored only hashed), payment then pincode; the patient view's report rule and
 * who accessed the study; and staff claiming a study.
 */
@StudygateTest
class SecondStepTests {

	private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");

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

	@Autowired
	SmsPort sms;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	MockHttpServletResponse post(String path, Object body, MockHttpSession session) throws Exception {
		return mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(body))
				.session(session)
				.with(ReferenceNumberApiTests.client(ReferenceNumberApiTests.freshAddress())))
			.andReturn()
			.getResponse();
	}

	MockHttpServletResponse start(IssuedCode code, MockHttpSession session) throws Exception {
		return post("/patient/api/login",
				Map.of("referenceNumber", code.code(), "birthDate", PatientFixtures.BIRTH_DATE.toString()), session);
	}

	String lastSms() {
		Matcher digits = SIX_DIGITS.matcher(((SmsOutbox) sms).recent().get(0).message().text());
		assertThat(digits.find()).isTrue();
		return digits.group(1);
	}

	@Test
	void onlyTheNewestOneTimePasswordWorksForTenMinutesAndIsStoredOnlyHashed() throws Exception {
		Department department = fixtures.department("Radiology OTP");
		patients.policy(department, PatientFixtures.verification(Verification.OTP_SMS));
		StudyId study = patients.study(department, 2);
		IssuedCode code = patients.code(study);

		MockHttpSession session = new MockHttpSession();
		assertThat(json.readTree(start(code, session).getContentAsString()).get("next").asString()).isEqualTo("OTP");
		String first = lastSms();
		byte[] stored = jdbc.sql("select hash from refcode.otp where reference_number_id = :id")
			.param("id", code.id())
			.query(byte[].class)
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(first);

		MockHttpSession again = new MockHttpSession();
		start(code, again);
		String second = lastSms();
		if (!first.equals(second)) {
			assertThat(post("/patient/api/otp", Map.of("otp", first), again).getStatus()).isEqualTo(401);
		}
		jdbc.sql("update refcode.otp set expires_at = :past where reference_number_id = :id")
			.param("past", Timestamp.from(Instant.now().minusSeconds(1)))
			.param("id", code.id())
			.update();
		assertThat(post("/patient/api/otp", Map.of("otp", second), again).getStatus()).isEqualTo(401);

		MockHttpSession third = new MockHttpSession();
		start(code, third);
		MockHttpServletResponse verified = post("/patient/api/otp", Map.of("otp", lastSms()), third);
		assertThat(verified.getStatus()).isEqualTo(200);
		assertThat(json.readTree(verified.getContentAsString()).get("next").asString()).isEqualTo("STUDY");
		assertThat(
				mvc.perform(get("/patient/api/studies").session(third)).andReturn().getResponse().getContentAsString())
			.contains(study.toString());
		// the code session does not exist before the second step
		assertThat(mvc.perform(get("/patient/api/studies").session(new MockHttpSession()))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(401);
	}

	@Test
	void fiveWrongOneTimePasswordsBlockTheCode() throws Exception {
		Department department = fixtures.department("Radiology OTP Block");
		patients.policy(department, PatientFixtures.verification(Verification.OTP_SMS));
		IssuedCode code = patients.code(patients.study(department, 2));
		MockHttpSession session = new MockHttpSession();
		start(code, session);
		String right = lastSms();
		String wrong = right.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 5; i++) {
			assertThat(post("/patient/api/otp", Map.of("otp", wrong), session).getStatus()).isEqualTo(401);
		}
		assertThat(patients.state(code.id())).isEqualTo("BLOCKED");
		assertThat(post("/patient/api/otp", Map.of("otp", right), session).getStatus()).isEqualTo(401);
		assertThat(jdbc.sql(
				"select count(*) from audit.entry where action = 'PATIENT_OTP' and outcome = 'FAILURE' and details->>'referenceNumber' = :id")
			.param("id", code.id().toString())
			.query(Long.class)
			.single()).isEqualTo(6);
	}

	@Test
	void aPatientPaysThenTypesThePincodeAndFiveWrongPincodesBlockTheCode() throws Exception {
		Department department = fixtures.department("Radiology Payment");
		patients.policy(department, PatientFixtures.verification(Verification.PAYMENT_PINCODE));
		StudyId study = patients.study(department, 2);
		jdbc.sql("update study.study set payment_required = true where id = :id").param("id", study.value()).update();
		IssuedCode code = patients.code(study);
		MockHttpSession session = new MockHttpSession();
		var payment = json.readTree(start(code, session).getContentAsString());
		assertThat(payment.get("next").asString()).isEqualTo("PAYMENT");
		assertThat(payment.get("destination").asString()).endsWith("56").doesNotContain("470");
		assertThat(
				json.readTree(post("/patient/api/pay", Map.of(), session).getContentAsString()).get("next").asString())
			.isEqualTo("PINCODE");
		assertThat(jdbc.sql("select payment_received from study.study where id = :id")
			.param("id", study.value())
			.query(Boolean.class)
			.single()).isTrue();
		String pincode = lastSms();
		assertThat(post("/patient/api/pincode", Map.of("pincode", pincode), session).getStatus()).isEqualTo(200);

		// the next login asks the pincode again, without paying
		MockHttpSession later = new MockHttpSession();
		assertThat(json.readTree(start(code, later).getContentAsString()).get("next").asString()).isEqualTo("PINCODE");
		String wrong = pincode.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 5; i++) {
			assertThat(post("/patient/api/pincode", Map.of("pincode", wrong), later).getStatus()).isEqualTo(401);
		}
		assertThat(patients.state(code.id())).isEqualTo("BLOCKED");
		assertThat(jdbc.sql("select failed_pincodes from refcode.reference_number where id = :id")
			.param("id", code.id())
			.query(Integer.class)
			.single()).isEqualTo(5);
	}

	@Test
	void theReportShowsOnlyWhenTheScopeIncludesItAndItsReleaseHasPassedAndThePatientSeesWhoLooked() throws Exception {
		Department department = fixtures.department("Radiology Report");
		UserId admin = fixtures.sourceAdmin(department, "Report Admin");
		StudyId study = patients.study(department, 2);
		IssuedCode code = patients.code(study);
		jdbc.sql("update study.study set report_status = 'FINAL', report_available_at = :at where id = :id")
			.param("at", Timestamp.from(Instant.now().minusSeconds(60)))
			.param("id", study.value())
			.update();
		mvc.perform(get("/api/v1/studies/" + study).header("Authorization", fixtures.bearer(admin)));

		MockHttpSession session = new MockHttpSession();
		start(code, session);
		String imagesOnly = mvc.perform(get("/patient/studies/" + study).session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(imagesOnly).contains("id=\"report-unavailable\"").contains("not meant for diagnosis");

		patients.policy(department, new ReferenceNumberPolicy(null, null, null, null,
				ReferenceNumberPolicy.PatientScope.IMAGES_REPORT_READ, null, null, null));
		String withReport = mvc.perform(get("/patient/studies/" + study).session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(withReport).contains("id=\"report-available\"");

		jdbc.sql("update study.study set report_available_at = :at where id = :id")
			.param("at", Timestamp.from(Instant.now().plusSeconds(3600)))
			.param("id", study.value())
			.update();
		assertThat(mvc.perform(get("/patient/studies/" + study).session(session))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("id=\"report-unavailable\"");
		assertThat(jdbc.sql(
				"select count(*) from audit.entry where action = 'STUDY_OPENED' and actor_kind = 'PATIENT_CODE' and study_id = :s")
			.param("s", study.value())
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void staffClaimAStudyWithItsCodeAndBirthDateAndAWrongBirthDateClaimsNothing() throws Exception {
		Department department = fixtures.department("Radiology Claim");
		StudyId study = patients.study(department, 2);
		IssuedCode code = patients.code(study);
		UserId physician = fixtures.physician("Dr Claimer", Fixtures.physicianNumber());
		String bearer = fixtures.bearer(physician);

		MockHttpServletResponse refused = mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/claims")
				.header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("referenceNumber", code.code(), "birthDate", "1999-01-01"))))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(422);
		assertThat(mvc.perform(get("/api/v1/studies/" + study).header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);

		MockHttpServletResponse claimed = mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/claims")
				.header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(
						Map.of("referenceNumber", code.code(), "birthDate", PatientFixtures.BIRTH_DATE.toString()))))
			.andReturn()
			.getResponse();
		assertThat(claimed.getStatus()).isEqualTo(201);
		assertThat(mvc.perform(get("/api/v1/studies/" + study).header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		assertThat(jdbc.sql("select origin from access.study_grant where study_id = :s")
			.param("s", study.value())
			.query(String.class)
			.list()).contains("REFERENCE_NUMBER_CLAIM");
		assertThat(jdbc.sql(
				"select outcome from audit.entry where action = 'REFERENCE_NUMBER_CLAIM' and actor_id = :u order by id")
			.param("u", physician.toString())
			.query(String.class)
			.list()).containsExactly("FAILURE", "SUCCESS");
	}

}
