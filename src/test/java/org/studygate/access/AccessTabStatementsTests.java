package org.studygate.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.SqlStatements;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;
import org.studygate.refcode.PatientFixtures;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The Access tab reads each section in a fixed number of SQL statements, however many
 * grants, buckets and codes the study has
 * (docs/decisions/069-access-tab-in-a-fixed-number-of-queries.md), and still shows every
 * line with its name: the statements are counted from the JDBC driver's trace on the
 * test's own thread, which serves the MockMvc request.
 */
@StudygateTest
class AccessTabStatementsTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	Grants grants;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	Department department;

	UserId admin;

	String bearer;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Access Statements");
		admin = fixtures.sourceAdmin(department, "Statements Admin");
		bearer = fixtures.bearer(admin);
	}

	@Test
	void aStudyWithManyGrantsBucketsAndCodesCostsAsManyStatementsAsOneWithFew() throws Exception {
		Made few = study(1, 1, 1, 1);
		Made many = study(9, 4, 3, 6);
		exclude(many.study(), many.copied());
		access(few.study());

		long fewStatements = statements(few.study());
		long manyStatements = statements(many.study());

		assertThat(manyStatements).as("statements for 13 grants, 3 buckets, 9 codes against 2, 1, 2")
			.isEqualTo(fewStatements);
		// the token with its actor and language, the study with the decision's reads, the
		// department once, two queries for the Users section, one for each of the five
		// other sections (a bucket's code state and a code's bucket joined in them), the
		// log entry and the commit (docs/decisions/079-access-tab-reads-once.md,
		// docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md)
		assertThat(fewStatements).as("statements of one request").isLessThanOrEqualTo(13);
		JsonNode tab = access(many.study());
		List<String> grantees = new ArrayList<>();
		tab.get("users").forEach(line -> {
			if (line.hasNonNull("grantId")) {
				grantees.add(line.get("subjectName").asString());
			}
		});
		assertThat(grantees).hasSize(13)
			.contains("Grantee 0", "Grantee 8")
			.anyMatch(name -> name.startsWith("Granted Practice 3 "));
		assertThat(tab.get("buckets")).hasSize(3);
		assertThat(tab.get("referenceNumbers")).hasSize(9);
		assertThat(line(tab, "REQUESTER").get("subjectName").asString()).isEqualTo("Requesting Physician");
		assertThat(line(tab, "GROUP_PRACTICE").get("subjectName").asString()).startsWith("Requester Practice ");
		JsonNode copied = line(tab, "CC");
		assertThat(copied.get("subjectName").asString()).isEqualTo("Copied Physician");
		assertThat(copied.hasNonNull("exclusionId")).isTrue();
		assertThat(line(tab, "SOURCE_ADMINS").get("subjectName").asString())
			.isEqualTo(department.name() + " — administrators");
	}

	record Made(StudyId study, UserId copied) {

	}

	/**
	 * A study requested by a physician of a sharing practice and copied to another, with
	 * grants to users and to practices, printed buckets and reference numbers.
	 */
	private Made study(int userGrants, int groupGrants, int buckets, int codes) throws Exception {
		String requester = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Requesting Physician", requester);
		fixtures.practice("Requester Practice", physician);
		String cc = Fixtures.physicianNumber();
		UserId copied = fixtures.physician("Copied Physician", cc);
		StudyId study = fixtures.study(department, "Statements^Patient", LocalDate.of(2026, 5, 4), requester, cc);
		Actor giver = fixtures.actor(admin);
		for (int i = 0; i < userGrants; i++) {
			grants.grant(giver, study, new NewGrant(SubjectType.USER, fixtures.user("Grantee " + i).value(),
					GrantScope.IMAGES, false, false, null, null, GrantOrigin.SHARE));
		}
		for (int i = 0; i < groupGrants; i++) {
			GroupId practice = fixtures.practice("Granted Practice " + i, fixtures.user("Member " + i));
			grants.grant(giver, study, new NewGrant(SubjectType.GROUP, practice.value(), GrantScope.IMAGES, false,
					false, null, null, GrantOrigin.SHARE));
		}
		for (int i = 0; i < buckets; i++) {
			MockHttpServletResponse response = mvc
				.perform(post("/api/v1/buckets").header("Authorization", bearer)
					.contentType(MediaType.APPLICATION_JSON)
					.content("""
							{"studyIds":["%s"],"verification":"DOB_ONLY","scope":"IMAGES","reason":"letter at the desk",
							 "language":"en","patientAgreed":true,"label":"Bucket %d"}
							""".formatted(study, i)))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		}
		for (int i = 0; i < codes; i++) {
			patients.code(study);
		}
		return new Made(study, copied);
	}

	private void exclude(StudyId study, UserId user) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(post("/api/v1/studies/" + study + "/exclusions").header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"userId\":\"%s\",\"reason\":\"second opinion elsewhere\"}".formatted(user)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
	}

	/**
	 * The statements of one request, the fewer of two (a bearer token's last use is
	 * written at most once a minute, by whichever request comes).
	 */
	private long statements(StudyId study) throws Exception {
		long fewest = Long.MAX_VALUE;
		for (int i = 0; i < 2; i++) {
			try (SqlStatements statements = SqlStatements.onThisThread()) {
				access(study);
				fewest = Math.min(fewest, statements.count());
			}
		}
		return fewest;
	}

	private JsonNode access(StudyId study) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/api/v1/studies/" + study + "/access").header("Authorization", bearer))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return json.readTree(response.getContentAsString());
	}

	private static JsonNode line(JsonNode tab, String origin) {
		for (JsonNode line : tab.get("users")) {
			if (!line.hasNonNull("grantId") && origin.equals(line.get("origin").asString())) {
				return line;
			}
		}
		throw new AssertionError("no " + origin + " line in " + tab.get("users"));
	}

}
