package org.studygate.explore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The study resources of the REST API and the study page, as each role sees them. */
@StudygateTest
class StudyApiTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void physicianListsExactlyHisStudiesNewestFirst() throws Exception {
		Department department = fixtures.department("Radiology API");
		String mine = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Dr Mertens", mine);
		StudyId older = fixtures.study(department, "Peeters^Ann", LocalDate.of(2025, 1, 10), mine);
		StudyId newer = fixtures.study(department, "Peeters^Ann", LocalDate.of(2026, 1, 10), "OTHER" + mine, mine);
		fixtures.study(department, "Somebody^Else", LocalDate.of(2026, 2, 10), Fixtures.physicianNumber());

		Map<String, Object> page = getJson("/api/v1/studies", physician);

		assertThat(ids(page)).containsExactly(newer.toString(), older.toString());
		assertThat(page.get("next")).isNull();
		@SuppressWarnings("unchecked")
		Map<String, Object> first = (Map<String, Object>) ((List<?>) page.get("items")).get(0);
		assertThat(first.keySet()).contains("id", "studyInstanceUid", "accessionNumber", "departmentCode", "studyDate",
				"modality", "description", "patientName", "patientId");
		assertThat(first.get("departmentCode")).isEqualTo(department.code().value());
		assertThat(first.get("studyDate")).isEqualTo("2026-01-10");
	}

	@Test
	void pagesWithAKeysetCursorWithoutGapsOrRepeats() throws Exception {
		Department department = fixtures.department("Radiology Paging");
		UserId clerk = fixtures.sourceUser(department, "Clerk Paging");
		List<String> expected = new ArrayList<>();
		for (int day = 1; day <= 7; day++) {
			expected.add(0, fixtures.study(department, "Paging^Patient", LocalDate.of(2026, 3, day), null).toString());
		}
		StudyId sameDay = fixtures.study(department, "Paging^Patient", LocalDate.of(2026, 3, 4), null);

		List<String> seen = new ArrayList<>();
		String next = null;
		int pages = 0;
		do {
			String url = "/api/v1/studies?limit=3" + (next == null ? "" : "&after=" + next);
			Map<String, Object> page = getJson(url, clerk);
			seen.addAll(ids(page));
			next = (String) page.get("next");
			pages++;
		}
		while (next != null && pages < 10);

		assertThat(pages).isEqualTo(3);
		assertThat(seen).hasSize(8).doesNotHaveDuplicates().containsAll(expected).contains(sameDay.toString());
		assertThat(seen.subList(0, 3)).containsExactlyElementsOf(expected.subList(0, 3));
	}

	@Test
	void filtersByPatientDatesModalityDepartmentAndAccession() throws Exception {
		Department north = fixtures.department("Radiology Filters North");
		Department south = fixtures.department("Radiology Filters South");
		UserId desk = fixtures.serviceDesk("Desk Filters");
		String surname = "Zeebrugge" + Fixtures.unique().toLowerCase();
		StudyId march = fixtures.study(north, surname + "^Ines", LocalDate.of(2026, 3, 5), null);
		StudyId april = fixtures.study(south, surname + "^Ines", LocalDate.of(2026, 4, 5), null);
		String accession = jdbc.sql("select accession_number from study.study where id = :id")
			.param("id", april.value())
			.query(String.class)
			.single();
		String patientId = jdbc
			.sql("select p.patient_id from study.study s join study.patient p on p.id = s.patient_id where s.id = :id")
			.param("id", march.value())
			.query(String.class)
			.single();

		assertThat(ids(getJson("/api/v1/studies?patient=" + surname, desk))).containsExactly(april.toString(),
				march.toString());
		assertThat(ids(getJson("/api/v1/studies?patient=" + patientId, desk))).containsExactly(march.toString());
		assertThat(ids(getJson("/api/v1/studies?patient=" + surname + "&from=2026-04-01&to=2026-04-30", desk)))
			.containsExactly(april.toString());
		assertThat(ids(getJson("/api/v1/studies?patient=" + surname + "&department=" + north.code(), desk)))
			.containsExactly(march.toString());
		assertThat(ids(getJson("/api/v1/studies?accession=" + accession + "&department=" + south.code(), desk)))
			.containsExactly(april.toString());
		assertThat(ids(getJson("/api/v1/studies?patient=" + surname + "&modality=MR", desk))).isEmpty();
		assertThat(ids(getJson("/api/v1/studies?patient=" + surname + "&department=NO-SUCH", desk))).isEmpty();
	}

	@Test
	void answersNotFoundForAStudyTheCallerMayNotListAndForMalformedIds() throws Exception {
		Department department = fixtures.department("Radiology Probe");
		String theirs = Fixtures.physicianNumber();
		fixtures.physician("Dr Owner", theirs);
		UserId intruder = fixtures.physician("Dr Intruder", Fixtures.physicianNumber());
		StudyId study = fixtures.study(department, "Private^Patient", LocalDate.of(2026, 5, 5), theirs);

		MockHttpServletResponse api = perform(get("/api/v1/studies/" + study), intruder);
		MockHttpServletResponse missing = perform(get("/api/v1/studies/" + StudyId.random()), intruder);
		MockHttpServletResponse malformed = perform(get("/api/v1/studies/not-a-uuid"), intruder);

		assertThat(api.getStatus()).isEqualTo(404);
		assertThat(api.getContentType()).startsWith("application/problem+json");
		assertThat(api.getContentAsString()).doesNotContain("Private");
		assertThat(missing.getStatus()).isEqualTo(404);
		assertThat(malformed.getStatus()).isEqualTo(404);
		assertThat(json.readTree(api.getContentAsString()).get("detail"))
			.isEqualTo(json.readTree(missing.getContentAsString()).get("detail"));

		MockHttpServletResponse page = mvc
			.perform(get("/studies/" + study).with(authentication(fixtures.signedIn(intruder))))
			.andReturn()
			.getResponse();
		assertThat(page.getStatus()).isEqualTo(404);
		assertThat(page.getContentAsString()).doesNotContain("Private").doesNotContain("Exception");
	}

	@Test
	void opensAStudyWithItsOrderForTheRequester() throws Exception {
		Department department = fixtures.department("Radiology Open");
		String mine = Fixtures.physicianNumber();
		String copied = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Dr Opener", mine);
		StudyId study = fixtures.study(department, "Open^Patient", LocalDate.of(2026, 5, 6), mine, copied);

		Map<String, Object> details = getJson("/api/v1/studies/" + study, physician);

		assertThat(details.get("id")).isEqualTo(study.toString());
		assertThat(details.get("access")).isEqualTo("REQUESTER_CC");
		assertThat(asMap(details.get("order"))).containsEntry("referringPhysicianNumber", mine)
			.containsEntry("ccPhysicianNumbers", List.of(copied));
		assertThat(asMap(details.get("patient"))).containsEntry("name", "Open^Patient");

		String page = mvc.perform(get("/studies/" + study).with(authentication(fixtures.signedIn(physician))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Open, Patient").contains(mine);
	}

	@Test
	void registersAStudyOnceAndAnswersTheSameIdAgain() throws Exception {
		Department department = fixtures.department("Radiology RIS");
		UserId ris = fixtures.sourceUser(department, "RIS Integration");
		String uid = "1.2.826.0.1.3680043.9." + System.nanoTime();
		String body = """
				{"studyInstanceUid":"%s","accessionNumber":"ACC1","departmentCode":"%s","studyDate":"2026-06-01",
				 "modality":"mr","description":"MR knee",
				 "patient":{"patientId":"P-77","name":"Vermeulen^Sara","birthDate":"1988-02-03","sex":"F"},
				 "order":{"orderNumber":"ORD-77","referringPhysicianNumber":"RIS-PHYS-1","ccPhysicianNumbers":["RIS-PHYS-2"]}}
				"""
			.formatted(uid, department.code());

		MockHttpServletResponse created = perform(
				post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content(body), ris);
		MockHttpServletResponse again = perform(
				post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content(body), ris);

		assertThat(created.getStatus()).isEqualTo(201);
		assertThat(again.getStatus()).isEqualTo(200);
		String id = json.readTree(created.getContentAsString()).get("id").asString();
		assertThat(json.readTree(again.getContentAsString()).get("id").asString()).isEqualTo(id);
		assertThat(created.getHeader("Location")).isEqualTo("/api/v1/studies/" + id);
		assertThat(jdbc.sql("select count(*) from study.study where study_instance_uid = :uid")
			.param("uid", uid)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select modality from study.study where id = cast(:id as uuid)")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("MR");
		assertThat(jdbc.sql(
				"select physician_number || ':' || role from study.study_physician where study_id = cast(:id as uuid) order by role desc")
			.param("id", id)
			.query(String.class)
			.list()).containsExactly("RIS-PHYS-1:REQUESTER", "RIS-PHYS-2:CC");
	}

	@Test
	void refusesRegistrationForADepartmentTheCallerDoesNotBelongTo() throws Exception {
		Department ours = fixtures.department("Radiology Member");
		Department theirs = fixtures.department("Radiology Stranger");
		UserId ris = fixtures.sourceUser(ours, "RIS Other");
		UserId physician = fixtures.physician("Dr Registrar", Fixtures.physicianNumber());
		String uid = "1.2.826.0.1.3680043.8." + System.nanoTime();
		String body = """
				{"studyInstanceUid":"%s","departmentCode":"%s","studyDate":"2026-06-01","modality":"CT",
				 "patient":{"patientId":"P-1","name":"Stranger^Sam","birthDate":"1980-01-01"}}
				""";

		assertThat(perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(uid, theirs.code())), ris).getStatus()).isEqualTo(403);
		assertThat(perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(uid, "NO-SUCH-DEPT")), ris).getStatus()).isEqualTo(403);
		assertThat(perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(uid, ours.code())), physician).getStatus()).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from study.study where study_instance_uid = :uid")
			.param("uid", uid)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void refusesTheListWithoutAToken() throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/api/v1/studies")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).startsWith("application/problem+json");
	}

	@Test
	void refusesALimitOutsideOneToAHundred() throws Exception {
		UserId user = fixtures.user("Limit Tester");
		MockHttpServletResponse response = perform(get("/api/v1/studies?limit=1000"), user);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(json.readTree(response.getContentAsString()).get("field").asString()).isEqualTo("limit");
		assertThat(perform(get("/api/v1/studies?after=garbage"), user).getStatus()).isEqualTo(400);
		assertThat(perform(get("/api/v1/studies?from=yesterday"), user).getStatus()).isEqualTo(400);
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> getJson(String url, UserId user) throws Exception {
		MockHttpServletResponse response = perform(get(url), user);
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return json.readValue(response.getContentAsString(), Map.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

	private static List<String> ids(Map<String, Object> page) {
		return ((List<?>) page.get("items")).stream().map(item -> (String) ((Map<?, ?>) item).get("id")).toList();
	}

}
