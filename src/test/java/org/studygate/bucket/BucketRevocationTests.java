package org.studygate.bucket;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The Buckets and Reference numbers sections of the Access tab for a bucket
 * (docs/guide/buckets.md, decision 062): a bucket's code is listed among the study's
 * reference numbers, marked with its bucket; the cross revokes the bucket as its own step
 * and leaves it listed REVOKED; taking the study out then gives the code back to the
 * other studies; nothing leaves the list.
 */
@StudygateTest
class BucketRevocationTests {

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

	StudyId first;

	StudyId second;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Revocation");
		admin = fixtures.sourceAdmin(department, "Revoking Admin");
		String patient = "P" + Fixtures.unique();
		first = patients.study(department, 4, patient, PatientFixtures.BIRTH_DATE, null);
		second = patients.study(department, 4, patient, PatientFixtures.BIRTH_DATE, null);
	}

	JsonNode print() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(post("/api/v1/buckets").header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("studyIds", List.of(first.toString(), second.toString()),
						"verification", "DOB_ONLY", "scope", "IMAGES", "reason", "Patient asked at the desk",
						"language", "fr", "patientAgreed", true, "label", "Genou"))))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return json.readTree(response.getContentAsString());
	}

	JsonNode access(StudyId study) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/api/v1/studies/" + study + "/access").header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return json.readTree(response.getContentAsString());
	}

	int login(String code) throws Exception {
		return login(code, PatientFixtures.BIRTH_DATE.toString());
	}

	int login(String code, String birthDate) throws Exception {
		int n = addresses.getAndIncrement();
		return mvc.perform(post("/patient/api/login").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("referenceNumber", code, "birthDate", birthDate)))
			.with(request -> {
				request.setRemoteAddr("10.74." + (n / 250) + "." + (n % 250 + 1));
				return request;
			})
			.session(new MockHttpSession())).andReturn().getResponse().getStatus();
	}

	MockHttpServletResponse revoke(UserId as, StudyId study, String bucket, String body) throws Exception {
		return mvc
			.perform(post("/api/v1/studies/" + study + "/buckets/" + bucket + "/revoke")
				.header("Authorization", fixtures.bearer(as))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse();
	}

	long logged(String action, StudyId study) {
		return jdbc.sql("select count(*) from audit.entry where action = :a and study_id = :s")
			.param("a", action)
			.param("s", study.value())
			.query(Long.class)
			.single();
	}

	@Test
	void aBucketCodeIsListedAmongTheReferenceNumbersMarkedWithItsBucketAndNotRevealedThere() throws Exception {
		JsonNode issued = print();
		JsonNode lines = access(first).get("referenceNumbers");
		assertThat(lines).hasSize(1);
		JsonNode line = lines.get(0);
		assertThat(line.get("bucket").get("label").asString()).isEqualTo("Genou");
		assertThat(line.get("bucket").get("kind").asString()).isEqualTo("PRINTED");
		assertThat(line.get("bucket").get("id").asString()).isEqualTo(issued.get("id").asString());
		assertThat(line.get("failedLoginAttempts").asInt()).isZero();
		assertThat(line.get("maskedCode").asString()).doesNotContain(issued.get("code").asString());

		// a wrong birth date with the code counts on the line
		assertThat(login(issued.get("code").asString(), "1970-01-01")).isEqualTo(401);
		assertThat(access(first).get("referenceNumbers").get(0).get("failedLoginAttempts").asInt()).isEqualTo(1);
		String page = mvc.perform(get("/studies/" + first + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Bucket code: Genou (printed), managed under Buckets")
			.doesNotContain(issued.get("code").asString())
			.contains("class=\"bucket-language\">French<")
			.contains("class=\"bucket-consent\">Agreed<");

		// the bucket's code is managed through its bucket: the section's own actions
		// refuse it
		String id = line.get("id").asString();
		assertThat(mvc
			.perform(post("/api/v1/studies/" + first + "/reference-numbers/" + id + "/reveal").header("Authorization",
					fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc
			.perform(delete("/api/v1/studies/" + first + "/reference-numbers/" + id).header("Authorization",
					fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(login(issued.get("code").asString())).isEqualTo(200);
	}

	@Test
	void revokingLeavesTheBucketListedAsRevokedWithItsCodeDeadUntilTheStudyIsTakenOut() throws Exception {
		JsonNode issued = print();
		String bucket = issued.get("id").asString();
		String code = issued.get("code").asString();

		// no reason, or somebody else's department: refused, nothing changes
		assertThat(revoke(admin, first, bucket, "{\"reason\":\" \"}").getStatus()).isEqualTo(400);
		UserId stranger = fixtures.sourceAdmin(fixtures.department("Radiology Curious"), "Curious Admin");
		assertThat(revoke(stranger, first, bucket, "{\"reason\":\"curious\"}").getStatus()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from audit.entry where outcome = 'DENIED' and actor_id = :u")
			.param("u", stranger.toString())
			.query(Long.class)
			.single()).isPositive();
		assertThat(access(first).get("buckets").get(0).get("state").asString()).isEqualTo("ACTIVE");

		MockHttpServletResponse revoked = revoke(admin, first, bucket,
				"{\"reason\":\"Letter handed to the wrong person\"}");
		assertThat(revoked.getStatus()).as(revoked.getContentAsString()).isEqualTo(200);
		for (StudyId study : List.of(first, second)) {
			JsonNode line = access(study).get("buckets").get(0);
			assertThat(line.get("state").asString()).isEqualTo("REVOKED");
			assertThat(line.get("revokeReason").asString()).isEqualTo("Letter handed to the wrong person");
			assertThat(logged("BUCKET_REVOKED", study)).isEqualTo(1);
		}
		assertThat(login(code)).isEqualTo(401);
		// revoking twice is a conflict
		assertThat(revoke(admin, first, bucket, "{\"reason\":\"again\"}").getStatus()).isEqualTo(409);

		String page = mvc.perform(get("/studies/" + first + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("remove-study").contains("remove-bucket").doesNotContain("revoke-bucket\"");

		// "Remove study from bucket": the first study leaves, the second gets the code
		// back
		assertThat(mvc
			.perform(post("/studies/" + first + "/buckets/" + bucket + "/remove").with(csrf())
				.with(authentication(fixtures.signedIn(admin)))
				.param("mode", "REMOVE_STUDY"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/studies/" + first + "/access");
		JsonNode left = access(first).get("buckets").get(0);
		assertThat(left.get("removedAt").isNull()).isFalse();
		assertThat(left.get("removedBy").asString()).isEqualTo("Revoking Admin");
		assertThat(access(second).get("buckets").get(0).get("state").asString()).isEqualTo("ACTIVE");
		assertThat(access(second).get("buckets").get(0).get("studyCount").asInt()).isEqualTo(1);
		assertThat(login(code)).isEqualTo(200);
		assertThat(access(first).get("referenceNumbers")).isEmpty();
	}

}
