package org.studygate.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.studygate.refcode.LoginResult;
import org.studygate.refcode.PatientLogin;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@StudygateTest
class DemoDataTests {

	private static final String PEETERS = DemoData.physicianNumber(0);

	private static final String CLAES = DemoData.physicianNumber(2);

	@Autowired
	DemoData demo;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PatientLogin patientLogin;

	@Autowired
	WebFixture web;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void loadsTheSmallSetOnceWithTheSameShapeEveryTime() {
		demo.load();
		Counts first = counts();
		assertThat(demo.load()).isFalse();

		assertThat(counts()).isEqualTo(first);
		assertThat(first.departments()).isEqualTo(3);
		// the generated studies and the demo patient's study
		assertThat(first.studies()).isEqualTo(DemoData.STUDIES + 1);
		assertThat(first.patients()).isBetween(DemoData.PATIENTS - 10, DemoData.PATIENTS);
		assertThat(first.accounts()).isEqualTo(25);
		assertThat(first.cancelled()).isBetween(1, 10);
		assertThat(first.requestedByPeeters()).isGreaterThan(50);
	}

	@Test
	void theDemoPatientSignsInWithTheDocumentedCodeAndBirthDateAndNotWithAnother() {
		demo.load();

		LoginResult wrongDate = patientLogin.login(DemoData.PATIENT_CODE, DemoData.PATIENT_BIRTH_DATE.plusDays(1), null,
				"203.0.113.77");
		LoginResult signedIn = patientLogin.login(DemoData.PATIENT_CODE, DemoData.PATIENT_BIRTH_DATE, null,
				"203.0.113.78");

		assertThat(wrongDate).isInstanceOf(LoginResult.Failed.class);
		assertThat(signedIn).isInstanceOfSatisfying(LoginResult.Verified.class,
				verified -> assertThat(verified.studies()).hasSize(1));
	}

	@Test
	void drJanssensHasUnlockedTwoStudiesOneOfThemReviewed() {
		demo.load();

		List<Map<String, Object>> unlocks = jdbc.sql("""
				select b.reviewed_at is not null as reviewed, b.verdict from breakglass.unlock b
				join directory.user_account u on u.id = b.user_id where u.username = 'dr.janssens@demo.studygate.test'
				""").query().listOfRows();

		assertThat(unlocks).hasSize(2);
		assertThat(unlocks).filteredOn(row -> Boolean.TRUE.equals(row.get("reviewed"))).hasSize(1);
	}

	@Test
	void everyDemoAccountCanLogIn() throws Exception {
		demo.load();
		for (DemoAccount account : demo.accounts()) {
			assertThat(token(account.username())).as(account.username()).isNotBlank();
		}
	}

	@Test
	void drPeetersListsOnlyStudiesOfHimselfAndHisPracticeColleague() throws Exception {
		demo.load();
		String token = token("dr.peeters@demo.studygate.test");
		List<String> listed = new ArrayList<>();
		String next = null;
		do {
			JsonNode page = list(token, next == null ? "" : "&after=" + next);
			page.get("items").forEach(item -> listed.add(item.get("id").asString()));
			next = page.get("next").isNull() ? null : page.get("next").asString();
		}
		while (next != null);

		Set<String> expected = new HashSet<>(jdbc.sql("""
				select s.id::text from study.study s
				where not s.cancelled and s.id in (select study_id from study.study_physician
				                                   where physician_number in (:peeters, :claes))
				""").param("peeters", PEETERS).param("claes", CLAES).query(String.class).list());
		assertThat(listed).hasSizeGreaterThan(100).doesNotHaveDuplicates();
		assertThat(new HashSet<>(listed)).isEqualTo(expected);
	}

	@Test
	void bulkLoaderAddsUsersAndStudiesOnceAndABulkPhysicianSeesOnlyHisOwn() throws Exception {
		demo.load();
		ScaleSize size = new ScaleSize(3_000, 400);
		demo.loadScale(size);
		assertThat(demo.loadScale(size)).isFalse();

		assertThat(
				jdbc.sql("select count(*) from directory.user_account where username like '%@bulk.demo.studygate.test'")
					.query(Integer.class)
					.single())
			.isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from study.study where study_instance_uid like :prefix")
			.param("prefix", ScaleLoader.UID_PREFIX + "%")
			.query(Integer.class)
			.single()).isEqualTo(3_000);
		assertThat(jdbc.sql("select count(*) from study.study_physician where physician_number like '2%'")
			.query(Integer.class)
			.single()).isGreaterThan(2_900);

		String token = token(ScaleLoader.physicianUsername(1));
		Set<String> own = new HashSet<>(jdbc
			.sql("""
					select distinct sp.study_id::text from study.study_physician sp
					where sp.physician_number in (
					    select pn.number from directory.physician_number pn
					    where pn.user_id = (select id from directory.user_account where username = :me)
					       or pn.user_id in (select other.user_id from directory.group_membership mine
					                         join directory.user_group g on g.id = mine.group_id and g.kind = 'PRACTICE'
					                         join directory.group_membership other on other.group_id = g.id and other.state = 'ACTIVE'
					                         where mine.state = 'ACTIVE'
					                           and mine.user_id = (select id from directory.user_account where username = :me)))
					""")
			.param("me", ScaleLoader.physicianUsername(1))
			.query(String.class)
			.list());
		JsonNode page = list(token, "");
		assertThat(page.get("items").size()).isPositive();
		page.get("items").forEach(item -> assertThat(own).contains(item.get("id").asString()));
	}

	private record Counts(int departments, int studies, int patients, int accounts, int cancelled,
			int requestedByPeeters) {

	}

	private Counts counts() {
		List<UUID> departments = jdbc.sql("select id from department.department where code in (:codes)")
			.param("codes", DemoData.DEPARTMENT_CODES)
			.query(UUID.class)
			.list();
		String demoStudies = "from study.study where study_instance_uid like '" + DemoData.UID_PREFIX + "%'";
		return new Counts(departments.size(), count("select count(*) " + demoStudies),
				count("select count(*) from study.patient where patient_id like 'DP%' and department_id in ("
						+ String.join(",", departments.stream().map(id -> "'" + id + "'").toList()) + ")"),
				count("select count(*) from directory.user_account where username like '%@demo.studygate.test'"),
				count("select count(*) " + demoStudies + " and cancelled"),
				count("select count(*) from study.study_physician where physician_number = '" + PEETERS + "'"));
	}

	private int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	private String token(String username) throws Exception {
		MvcResult result = mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(new Credentials(username, DemoData.PASSWORD))))
			.andExpect(status().isOk())
			.andReturn();
		return json.readTree(result.getResponse().getContentAsString()).get("token").asString();
	}

	private JsonNode list(String token, String query) throws Exception {
		MvcResult result = mvc
			.perform(get("/api/v1/studies?limit=100" + query).header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andReturn();
		return json.readTree(result.getResponse().getContentAsString());
	}

	private record Credentials(String username, String password) {

	}

}
