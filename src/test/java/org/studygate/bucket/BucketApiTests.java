package org.studygate.bucket;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.refcode.PatientFixtures;
import org.studygate.sms.SmsOutbox;
import org.studygate.sms.SmsPort;
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
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Buckets through the REST API and the pages (docs/product/04-access-tab.md,
 * 05-workflows.md, 09-api-contract.md): printing and its letter, printing across
 * departments, removing a study versus the full bucket, blocking and unblocking, shares
 * to a person without an account, and object-level authorization on every bucket
 * endpoint.
 */
@StudygateTest
class BucketApiTests {

	private static final AtomicInteger addresses = new AtomicInteger(1);

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

	Department department;

	UserId admin;

	UserId user;

	StudyId first;

	StudyId second;

	StudyId third;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Buckets");
		admin = fixtures.sourceAdmin(department, "Bucket Admin");
		user = fixtures.sourceUser(department, "Bucket User");
		// one patient: a printed code is verified by birth date, so it holds one
		// patient's studies (decision 031)
		String patient = "P" + Fixtures.unique();
		first = patients.study(department, 10, patient, PatientFixtures.BIRTH_DATE, null);
		second = patients.study(department, 10, patient, PatientFixtures.BIRTH_DATE, null);
		third = patients.study(department, 10, patient, PatientFixtures.BIRTH_DATE, null);
	}

	static RequestPostProcessor client(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	static String freshAddress() {
		int n = addresses.getAndIncrement();
		return "10.71." + (n / 250) + "." + (n % 250 + 1);
	}

	MockHttpServletResponse create(UserId as, Map<String, Object> body) throws Exception {
		return mvc
			.perform(post("/api/v1/buckets").header("Authorization", fixtures.bearer(as))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(body)))
			.andReturn()
			.getResponse();
	}

	Map<String, Object> print(String verification, String language, StudyId... studies) {
		return new java.util.HashMap<>(Map.of("studyIds", List.of(studies).stream().map(StudyId::toString).toList(),
				"verification", verification, "scope", "IMAGES", "reason",
				"Patient asked at the desk <script>alert(1)</script>", "language", language, "patientAgreed", true,
				"label", "Knee follow-up"));
	}

	JsonNode printed(UserId as, Map<String, Object> body) throws Exception {
		MockHttpServletResponse response = create(as, body);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		assertThat(response.getHeader("Cache-Control")).contains("no-store");
		return json.readTree(response.getContentAsString());
	}

	MockHttpServletResponse login(String code, String birthDate, String address, MockHttpSession session)
			throws Exception {
		return mvc
			.perform(post("/patient/api/login?include=studies").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("referenceNumber", code, "birthDate", birthDate)))
				.with(client(address))
				.session(session))
			.andReturn()
			.getResponse();
	}

	JsonNode access(StudyId study) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/api/v1/studies/" + study + "/access").header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return json.readTree(response.getContentAsString()).get("buckets");
	}

	long logged(String action, StudyId study) {
		return jdbc.sql("select count(*) from audit.entry where action = :a and study_id = :s")
			.param("a", action)
			.param("s", study.value())
			.query(Long.class)
			.single();
	}

	long loggedDenied(UserId actor) {
		return jdbc.sql("select count(*) from audit.entry where outcome = 'DENIED' and actor_id = :u")
			.param("u", actor.toString())
			.query(Long.class)
			.single();
	}

	String stateOf(String bucketId) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/api/v1/buckets/" + bucketId).header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return json.readTree(response.getContentAsString()).get("state").asString();
	}

	@Test
	void aSourceUserPrintsAReferenceNumberWhoseLetterHoldsTheCodeTheValidityAndTheChosenLanguage() throws Exception {
		Map<String, Object> body = print("DOB_ONLY", "nl", first, second);
		LocalDate until = LocalDate.now(department.timeZone()).plusDays(10);
		body.put("validUntil", until.toString());
		JsonNode issued = printed(user, body);
		String code = issued.get("code").asString();
		assertThat(code).hasSize(10);
		assertThat(issued.get("bucket").get("studyIds")).hasSize(2);
		assertThat(jdbc.sql("select count(*) from refcode.reference_number where encode(code_cipher, 'escape') like :c")
			.param("c", "%" + code + "%")
			.query(Long.class)
			.single()).isZero();

		MockHttpServletResponse letter = mvc
			.perform(get("/api/v1/buckets/" + issued.get("id").asString() + "/letter.pdf").header("Authorization",
					fixtures.bearer(user)))
			.andReturn()
			.getResponse();
		assertThat(letter.getStatus()).isEqualTo(200);
		assertThat(letter.getContentType()).isEqualTo("application/pdf");
		String text;
		try (PDDocument pdf = Loader.loadPDF(letter.getContentAsByteArray())) {
			text = new PDFTextStripper().getText(pdf);
		}
		assertThat(text).contains(code)
			.contains(until.toString())
			.contains("Uw referentienummer")
			.contains("Geldig tot en met")
			.contains(department.name())
			.contains("/patient/" + department.code().value())
			.doesNotContain("Your reference number")
			.doesNotContain("Patient asked");
		assertThat(logged("BUCKET_CREATED", first)).isEqualTo(1);
		assertThat(logged("BUCKET_LETTER_PRINTED", second)).isEqualTo(1);

		// German this time: the language follows the bucket
		JsonNode german = printed(admin, print("OTP_SMS", "de", third));
		byte[] pdf = mvc
			.perform(get("/buckets/" + german.get("id").asString() + "/letter.pdf")
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			assertThat(new PDFTextStripper().getText(doc)).contains(german.get("code").asString())
				.contains("Ihre Referenznummer")
				.contains("Einmalpasswort")
				.contains(LocalDate.now(department.timeZone()).plusMonths(1).toString());
		}

		// the patient signs in with the printed code and sees both studies together
		MockHttpServletResponse session = login(code, PatientFixtures.BIRTH_DATE.toString(), freshAddress(),
				new MockHttpSession());
		assertThat(session.getStatus()).as(session.getContentAsString()).isEqualTo(200);
		assertThat(json.readTree(session.getContentAsString()).get("studies")).hasSize(2);
	}

	@Test
	void printingIsRefusedAcrossDepartmentsBeyondTheMaximumAndWithoutAgreementChangingNothing() throws Exception {
		Department other = fixtures.department("Radiology Elsewhere");
		StudyId foreign = patients.study(other, 10);
		long before = jdbc.sql("select count(*) from bucket.bucket").query(Long.class).single();

		MockHttpServletResponse refused = create(user, print("DOB_ONLY", "en", first, foreign));
		assertThat(refused.getStatus()).isEqualTo(404);
		assertThat(loggedDenied(user)).isPositive();

		UserId desk = fixtures.serviceDesk("Bucket Desk");
		assertThat(create(desk, print("DOB_ONLY", "en", first, foreign)).getStatus()).isEqualTo(400);

		patients.policy(department,
				new org.studygate.department.ReferenceNumberPolicy(null, null, null, null, null, 10, 20, null));
		Map<String, Object> tooLong = print("DOB_ONLY", "en", first);
		tooLong.put("validUntil", LocalDate.now(department.timeZone()).plusDays(21).toString());
		MockHttpServletResponse beyond = create(user, tooLong);
		assertThat(beyond.getStatus()).isEqualTo(400);
		assertThat(beyond.getContentAsString()).contains("validUntil");

		Map<String, Object> unagreed = print("DOB_ONLY", "en", first);
		unagreed.put("patientAgreed", false);
		assertThat(create(user, unagreed).getStatus()).isEqualTo(400);
		Map<String, Object> noReason = print("DOB_ONLY", "en", first);
		noReason.put("reason", " ");
		assertThat(create(user, noReason).getStatus()).isEqualTo(400);

		UserId physician = fixtures.physician("Dr Bucket", "PB" + Fixtures.unique());
		assertThat(create(physician, print("DOB_ONLY", "en", first)).getStatus()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from bucket.bucket").query(Long.class).single()).isEqualTo(before);

		// without a date, the department's default applies
		JsonNode byDefault = printed(user, print("DOB_ONLY", "en", first));
		assertThat(java.time.Instant.parse(byDefault.get("bucket").get("validUntil").asString())
			.minusSeconds(1)
			.atZone(department.timeZone())
			.toLocalDate()).isEqualTo(LocalDate.now(department.timeZone()).plusDays(10));
	}

	@Test
	void removingAStudyLeavesTheOthersReachableWhileRemovingTheFullBucketDetachesEveryStudyAndKillsTheCode()
			throws Exception {
		JsonNode issued = printed(admin, print("DOB_ONLY", "en", first, second, third));
		String bucket = issued.get("id").asString();
		String code = issued.get("code").asString();
		for (StudyId study : List.of(first, second, third)) {
			assertThat(access(study)).hasSize(1);
			assertThat(access(study).get(0).get("studyCount").asInt()).isEqualTo(3);
		}

		assertThat(mvc
			.perform(delete("/api/v1/studies/" + first + "/buckets/" + bucket + "?mode=REMOVE_STUDY")
				.header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		// the link is ended, not deleted: the bucket stays listed on the study it left
		assertThat(access(first)).hasSize(1);
		assertThat(access(first).get(0).get("removedAt").isNull()).isFalse();
		assertThat(access(second).get(0).get("studyCount").asInt()).isEqualTo(2);
		assertThat(access(third).get(0).get("state").asString()).isEqualTo("ACTIVE");
		assertThat(logged("BUCKET_STUDY_REMOVED", first)).isEqualTo(1);
		MockHttpSession patient = new MockHttpSession();
		MockHttpServletResponse in = login(code, PatientFixtures.BIRTH_DATE.toString(), freshAddress(), patient);
		assertThat(in.getStatus()).isEqualTo(200);
		assertThat(json.readTree(in.getContentAsString()).get("studies")).hasSize(2);
		assertThat(mvc.perform(get("/patient/api/studies").session(patient))
			.andReturn()
			.getResponse()
			.getContentAsString()).doesNotContain(first.toString()).contains(second.toString());

		// a bad mode changes nothing
		assertThat(mvc
			.perform(delete("/api/v1/studies/" + second + "/buckets/" + bucket + "?mode=EVERYTHING")
				.header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(400);
		assertThat(access(second)).hasSize(1);

		assertThat(mvc
			.perform(delete("/api/v1/studies/" + second + "/buckets/" + bucket + "?mode=REMOVE_BUCKET")
				.header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		for (StudyId study : List.of(first, second, third)) {
			assertThat(access(study)).hasSize(1);
			assertThat(access(study).get(0).get("studyCount").asInt()).isZero();
		}
		assertThat(stateOf(bucket)).isEqualTo("DELETED");
		assertThat(logged("BUCKET_REMOVED", second)).isEqualTo(1);
		assertThat(logged("BUCKET_REMOVED", third)).isEqualTo(1);
		// the open session and a new login both lose access
		assertThat(mvc.perform(get("/patient/api/studies").session(patient))
			.andReturn()
			.getResponse()
			.getContentAsString()).doesNotContain(second.toString()).doesNotContain(third.toString());
		assertThat(
				login(code, PatientFixtures.BIRTH_DATE.toString(), freshAddress(), new MockHttpSession()).getStatus())
			.isEqualTo(401);
	}

	@Test
	void fiveWrongOneTimePasswordsBlockTheBucketWhichTheBlockedPageListsAndAnAdminUnblocks() throws Exception {
		JsonNode issued = printed(user, print("OTP_SMS", "en", first, second));
		String bucket = issued.get("id").asString();
		String code = issued.get("code").asString();
		String address = freshAddress();
		MockHttpSession patient = new MockHttpSession();
		assertThat(
				json.readTree(login(code, PatientFixtures.BIRTH_DATE.toString(), address, patient).getContentAsString())
					.get("next")
					.asString())
			.isEqualTo("OTP");
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/patient/api/otp").contentType(MediaType.APPLICATION_JSON)
				.content("{\"otp\":\"000000\"}")
				.session(patient)
				.with(client(address)));
		}
		assertThat(stateOf(bucket)).isEqualTo("BLOCKED");
		assertThat(access(first).get(0).get("failedOtpAttempts").asInt()).isEqualTo(5);
		assertThat(
				login(code, PatientFixtures.BIRTH_DATE.toString(), freshAddress(), new MockHttpSession()).getStatus())
			.isEqualTo(401);

		String page = mvc
			.perform(get("/departments/" + department.code().value() + "/blocked")
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(bucket).contains("Knee follow-up");
		// a source user may not unblock
		assertThat(mvc
			.perform(post("/api/v1/buckets/" + bucket + "/unblock").header("Authorization", fixtures.bearer(user)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(stateOf(bucket)).isEqualTo("BLOCKED");

		MockHttpServletResponse unblocked = mvc
			.perform(post("/api/v1/buckets/" + bucket + "/unblock").header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse();
		assertThat(unblocked.getStatus()).isEqualTo(200);
		assertThat(stateOf(bucket)).isEqualTo("ACTIVE");
		assertThat(access(first).get(0).get("failedOtpAttempts").asInt()).isZero();
		assertThat(logged("BUCKET_UNBLOCKED", first)).isEqualTo(1);
		assertThat(mvc
			.perform(post("/api/v1/buckets/" + bucket + "/unblock").header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(409);

		MockHttpSession again = new MockHttpSession();
		String second = freshAddress();
		assertThat(json.readTree(login(code, PatientFixtures.BIRTH_DATE.toString(), second, again).getContentAsString())
			.get("next")
			.asString()).isEqualTo("OTP");
		MockHttpServletResponse verified = mvc
			.perform(post("/patient/api/otp?include=studies").contentType(MediaType.APPLICATION_JSON)
				.content("{\"otp\":\"" + lastSmsOtp() + "\"}")
				.session(again)
				.with(client(second)))
			.andReturn()
			.getResponse();
		assertThat(verified.getStatus()).as(verified.getContentAsString()).isEqualTo(200);
		assertThat(json.readTree(verified.getContentAsString()).get("studies")).hasSize(2);

		// blocked again, then unblocked with a new code from the blocked page: the old
		// code is dead
		jdbc.sql(
				"update refcode.reference_number set state = 'BLOCKED' where id = (select code_id from bucket.bucket where id = :b)")
			.param("b", java.util.UUID.fromString(bucket))
			.update();
		String renewed = mvc
			.perform(post("/departments/" + department.code().value() + "/blocked/x/unblock").param("bucket", bucket)
				.param("newCode", "true")
				.with(authentication(fixtures.signedIn(admin)))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher newCode = Pattern.compile("id=\"new-code\">([A-Z0-9]+)<").matcher(renewed);
		assertThat(newCode.find()).as(renewed).isTrue();
		assertThat(newCode.group(1)).isNotEqualTo(code);
		assertThat(logged("BUCKET_CODE_RENEWED", first)).isEqualTo(1);
		assertThat(
				login(code, PatientFixtures.BIRTH_DATE.toString(), freshAddress(), new MockHttpSession()).getStatus())
			.isEqualTo(401);
		assertThat(json
			.readTree(login(newCode.group(1), PatientFixtures.BIRTH_DATE.toString(), freshAddress(),
					new MockHttpSession())
				.getContentAsString())
			.get("next")
			.asString()).isEqualTo("OTP");
	}

	private String lastSmsOtp() {
		Matcher digits = SIX_DIGITS.matcher(((SmsOutbox) sms).recent().get(0).message().text());
		assertThat(digits.find()).isTrue();
		return digits.group(1);
	}

	@Test
	void everyBucketEndpointAnswersNotFoundForAnotherDepartmentsBucketAndLogsTheRefusal() throws Exception {
		JsonNode issued = printed(admin, print("DOB_ONLY", "en", first));
		String bucket = issued.get("id").asString();
		Department other = fixtures.department("Radiology Intruders");
		UserId intruder = fixtures.sourceAdmin(other, "Intruding Admin");
		StudyId own = patients.study(other, 10);
		String bearer = fixtures.bearer(intruder);

		assertThat(mvc.perform(get("/api/v1/buckets/" + bucket).header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/api/v1/buckets/" + bucket + "/letter.pdf").header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/api/v1/buckets/" + bucket + "/unblock").header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc
			.perform(delete("/api/v1/studies/" + first + "/buckets/" + bucket + "?mode=REMOVE_BUCKET")
				.header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc
			.perform(delete("/api/v1/studies/" + own + "/buckets/" + bucket + "?mode=REMOVE_BUCKET")
				.header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/api/v1/buckets/not-a-uuid").header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/buckets/not-a-uuid/letter.pdf").with(authentication(fixtures.signedIn(intruder))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc
			.perform(get("/studies/" + own + "/buckets/not-a-uuid/remove")
				.with(authentication(fixtures.signedIn(intruder))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc
			.perform(get("/departments/" + department.code().value() + "/blocked")
				.with(authentication(fixtures.signedIn(intruder))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc
			.perform(get("/studies/" + own + "/buckets/" + bucket + "/remove")
				.with(authentication(fixtures.signedIn(intruder))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from audit.entry where action = 'BUCKET_REFUSED' and actor_id = :u")
			.param("u", intruder.toString())
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(5);
		assertThat(loggedDenied(intruder)).isGreaterThanOrEqualTo(7);
		assertThat(stateOf(bucket)).isEqualTo("ACTIVE");
		assertThat(access(first)).hasSize(1);
	}

	@Test
	void aShareToAPersonWithoutAnAccountSendsTheCodeBySmsAndAsksAOneTimePasswordOnEachUse() throws Exception {
		Map<String, Object> body = Map.of("studyIds", List.of(first.toString(), second.toString()), "mobile",
				"+32 470 99 88 77", "scope", "IMAGES", "message", "For the second opinion");
		MockHttpServletResponse response = create(user, body);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		JsonNode issued = json.readTree(response.getContentAsString());
		String code = issued.get("code").asString();
		assertThat(issued.get("bucket").get("verification").asString()).isEqualTo("OTP_SMS");
		assertThat(issued.get("bucket").get("recipient").asString()).doesNotContain("998877");

		SmsOutbox outbox = (SmsOutbox) sms;
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> outbox.recent().stream().anyMatch(s -> s.message().text().contains(code)));
		assertThat(outbox.recent()
			.stream()
			.filter(s -> s.message().text().contains(code))
			.findFirst()
			.orElseThrow()
			.message()
			.to()).isEqualTo("+32470998877");

		// the recipient does not know the birth date: the code and a one-time password to
		// his mobile
		String address = freshAddress();
		MockHttpSession recipient = new MockHttpSession();
		MockHttpServletResponse first = login(code, "", address, recipient);
		assertThat(json.readTree(first.getContentAsString()).get("next").asString()).isEqualTo("OTP");
		assertThat(outbox.recent().get(0).message().to()).isEqualTo("+32470998877");
		MockHttpServletResponse verified = mvc
			.perform(post("/patient/api/otp?include=studies").contentType(MediaType.APPLICATION_JSON)
				.content("{\"otp\":\"" + lastSmsOtp() + "\"}")
				.session(recipient)
				.with(client(address)))
			.andReturn()
			.getResponse();
		assertThat(verified.getStatus()).isEqualTo(200);
		assertThat(json.readTree(verified.getContentAsString()).get("studies")).hasSize(2);
		assertThat(
				jdbc.sql("select count(*) from audit.entry where actor_kind = 'SHARE_CODE' and action = 'PATIENT_OTP'")
					.query(Long.class)
					.single())
			.isPositive();

		// both an e-mail and a mobile, or neither, is refused
		assertThat(create(user, Map.of("studyIds", List.of(this.first.toString()), "mobile", "+32470998877", "email",
				"x@example.org", "scope", "IMAGES"))
			.getStatus()).isEqualTo(400);
	}

	@Test
	void aBucketWhoseValidityHasEndedShowsExpiredAndItsCodeNoLongerOpensTheStudy() throws Exception {
		JsonNode bucket = printed(user, print("DOB_ONLY", "en", first));
		String bucketId = bucket.get("id").asString();
		String code = bucket.get("code").asString();
		assertThat(stateOf(bucketId)).isEqualTo("ACTIVE");
		java.sql.Timestamp ended = java.sql.Timestamp.from(fixtures.clock().instant().minusSeconds(60));
		jdbc.sql("update bucket.bucket set valid_until = :ended where id = :id")
			.param("ended", ended)
			.param("id", UUID.fromString(bucketId))
			.update();
		jdbc.sql(
				"update refcode.reference_number set valid_to = :ended where id = (select code_id from bucket.bucket where id = :id)")
			.param("ended", ended)
			.param("id", UUID.fromString(bucketId))
			.update();

		assertThat(stateOf(bucketId)).isEqualTo("EXPIRED");
		assertThat(access(first).get(0).get("state").asString()).isEqualTo("EXPIRED");
		String page = mvc.perform(get("/studies/" + first + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Expired");
		assertThat(
				login(code, PatientFixtures.BIRTH_DATE.toString(), freshAddress(), new MockHttpSession()).getStatus())
			.isEqualTo(401);
	}

	@Test
	void theBucketsSectionShowsTheDetailsWithTheReasonEscaped() throws Exception {
		printed(user, print("OTP_EMAIL", "fr", first));
		String page = mvc.perform(get("/studies/" + first + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"access-buckets\"")
			.contains("Knee follow-up")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)</script>")
			.contains("Bucket User");
		String confirm = mvc
			.perform(get("/studies/" + first + "/buckets/" + access(first).get(0).get("id").asString() + "/remove")
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(confirm).contains("REMOVE_STUDY").contains("REMOVE_BUCKET");
	}

	@Test
	void aBlockedReferenceNumberIsListedOnTheBlockedPageAndTheServiceDeskUnblocksIt() throws Exception {
		org.studygate.refcode.IssuedCode code = patients.code(first);
		for (int i = 0; i < 5; i++) {
			login(code.code(), "1900-01-01", freshAddress(), new MockHttpSession());
		}
		assertThat(patients.state(code.id())).isEqualTo("BLOCKED");
		UserId desk = fixtures.serviceDesk("Blocked Desk");
		String page = mvc
			.perform(get("/departments/" + department.code().value() + "/blocked")
				.with(authentication(fixtures.signedIn(desk))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(code.id().toString()).contains("Reference number");
		// a source user of the department may not use the page
		assertThat(mvc
			.perform(get("/departments/" + department.code().value() + "/blocked")
				.with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		MockHttpServletResponse unblocked = mvc
			.perform(post("/departments/" + department.code().value() + "/blocked/" + code.id() + "/unblock")
				.with(authentication(fixtures.signedIn(desk)))
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(unblocked.getStatus()).isEqualTo(302);
		assertThat(patients.state(code.id())).isEqualTo("ACTIVE");
		assertThat(patients.failedLogins(code.id())).isZero();
		assertThat(logged("REFERENCE_NUMBER_UNBLOCKED", first)).isEqualTo(1);
		assertThat(login(code.code(), PatientFixtures.BIRTH_DATE.toString(), freshAddress(), new MockHttpSession())
			.getStatus()).isEqualTo(200);
	}

}
