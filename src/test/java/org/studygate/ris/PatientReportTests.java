package org.studygate.ris;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.department.ReportRelease;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.UserId;
import org.studygate.refcode.PatientFixtures;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The report on the patient portal (decision 052): shown on the patient's study page and
 * by {@code GET /patient/api/studies/{id}/report} only once released and only to a code
 * whose scope includes the report; each reading is a REPORT_READ of the patient, each
 * refusal a logged denial.
 */
@StudygateTest
class PatientReportTests {

	static final byte[] PDF = "%PDF-1.4\n% a patient report\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	Departments departments;

	@Autowired
	DepartmentSetup setup;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	MockMvc mvc;

	Department department;

	UserId admin;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Patient Report");
		admin = fixtures.sourceAdmin(department, "Admin Patient Report");
		patients.policy(department, new ReferenceNumberPolicy(null, null, null, null,
				ReferenceNumberPolicy.PatientScope.IMAGES_REPORT_READ, null, null, null));
		study = patients.study(department, 10);
	}

	@Test
	void thePatientReadsTheReportOnlyOnceTheRequesterOrASourceAdminReleasedIt() throws Exception {
		rule(new ReportRelease(ReportRelease.Rule.AFTER_PHYSICIAN_RELEASE, null));
		StudyId notHis = patients.study(department, 10);
		MockHttpSession patient = signIn(patients.code(study).code());
		report(study, "FINAL", "No fracture of the left knee.");

		MockHttpServletResponse early = mvc.perform(get(api(study)).session(patient)).andReturn().getResponse();
		assertThat(early.getStatus()).isEqualTo(403);
		assertThat(early.getContentType()).contains("problem+json");
		assertThat(early.getContentAsString()).doesNotContain("No fracture").doesNotContainIgnoringCase("exception");
		assertThat(mvc.perform(get(api(study) + "/pdf").session(patient)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(page(study, patient)).contains("report-unavailable").doesNotContain("No fracture");
		assertThat(patientEntries(study, "VIEW_REPORT", "DENIED")).isEqualTo(2);
		assertThat(patientEntries(study, "REPORT_READ", "SUCCESS")).isZero();

		assertThat(mvc
			.perform(post("/api/v1/studies/" + study + "/report/release").header("Authorization",
					fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);

		MockHttpServletResponse read = mvc.perform(get(api(study)).session(patient)).andReturn().getResponse();
		assertThat(read.getStatus()).isEqualTo(200);
		var body = json.readTree(read.getContentAsString());
		assertThat(body.get("text").asString()).isEqualTo("No fracture of the left knee.");
		assertThat(body.get("status").asString()).isEqualTo("FINAL");
		assertThat(body.get("radiologist").asString()).isEqualTo("Dr Maes");
		assertThat(body.get("pdfUrl").asString()).isEqualTo(api(study) + "/pdf");
		MockHttpServletResponse pdf = mvc.perform(get(api(study) + "/pdf").session(patient)).andReturn().getResponse();
		assertThat(pdf.getStatus()).isEqualTo(200);
		assertThat(pdf.getContentAsByteArray()).isEqualTo(PDF);
		assertThat(page(study, patient)).contains("No fracture of the left knee.")
			.contains("Dr Maes")
			.contains("/patient/studies/" + study + "/report/pdf");
		assertThat(mvc.perform(get("/patient/studies/" + study + "/report/pdf").session(patient))
			.andReturn()
			.getResponse()
			.getContentAsByteArray()).isEqualTo(PDF);
		assertThat(patientEntries(study, "REPORT_READ", "SUCCESS")).isEqualTo(4);

		// a study the code does not open is not found, with or without a report
		report(notHis, "FINAL", "Another patient's report.");
		MockHttpServletResponse foreign = mvc.perform(get(api(notHis)).session(patient)).andReturn().getResponse();
		assertThat(foreign.getStatus()).isEqualTo(404);
		assertThat(foreign.getContentAsString()).doesNotContain("Another patient");
	}

	@Test
	void aDepartmentWhosePatientScopeIsImagesOnlyNeverShowsTheReport() throws Exception {
		patients.policy(department, new ReferenceNumberPolicy(null, null, null, null,
				ReferenceNumberPolicy.PatientScope.IMAGES, null, null, null));
		MockHttpSession patient = signIn(patients.code(study).code());
		report(study, "FINAL", "Meniscal tear.");

		assertThat(mvc.perform(get(api(study)).session(patient)).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(page(study, patient)).doesNotContain("Meniscal tear");
		assertThat(patientEntries(study, "VIEW_REPORT", "DENIED")).isEqualTo(1);
	}

	@Test
	void anImagesOnlyLetterCodeIsRefusedTheReportThatTheDepartmentsOwnCodeReads() throws Exception {
		report(study, "FINAL", "Small effusion.");
		Map<String, Object> letter = new HashMap<>(
				Map.of("studyIds", List.of(study.toString()), "verification", "DOB_ONLY", "scope", "IMAGES", "reason",
						"Patient asked at the desk", "language", "en", "patientAgreed", true, "label", "Knee"));
		MockHttpServletResponse printed = mvc
			.perform(post("/api/v1/buckets").header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(letter)))
			.andReturn()
			.getResponse();
		assertThat(printed.getStatus()).as(printed.getContentAsString()).isEqualTo(201);
		MockHttpSession imagesOnly = signIn(json.readTree(printed.getContentAsString()).get("code").asString());

		assertThat(mvc.perform(get(api(study)).session(imagesOnly)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(page(study, imagesOnly)).doesNotContain("Small effusion");

		MockHttpSession own = signIn(patients.code(study).code());
		assertThat(mvc.perform(get(api(study)).session(own)).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(page(study, own)).contains("Small effusion");
	}

	private MockHttpSession signIn(String code) throws Exception {
		MockHttpSession session = new MockHttpSession();
		String address = "10.72." + ThreadLocalRandom.current().nextInt(250) + "."
				+ (1 + ThreadLocalRandom.current().nextInt(250));
		MockHttpServletResponse login = mvc.perform(post("/patient/api/login").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(
					Map.of("referenceNumber", code, "birthDate", PatientFixtures.BIRTH_DATE.toString())))
			.session(session)
			.with(request -> {
				request.setRemoteAddr(address);
				return request;
			})).andReturn().getResponse();
		assertThat(login.getStatus()).as(login.getContentAsString()).isEqualTo(200);
		return session;
	}

	private String page(StudyId id, MockHttpSession session) throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/patient/studies/" + id).session(session))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	private void rule(ReportRelease release) {
		setup.updateSettings(department.id(),
				departments.find(department.id()).orElseThrow().settings().withReportRelease(release));
	}

	private void report(StudyId id, String status, String text) throws Exception {
		String body = json.writeValueAsString(Map.of("status", status, "text", text, "radiologist", "Dr Maes",
				"pdfBase64", Base64.getEncoder().encodeToString(PDF)));
		MockHttpServletResponse sent = mvc
			.perform(put("/api/v1/studies/" + id + "/report").header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse();
		assertThat(sent.getStatus()).as(sent.getContentAsString()).isEqualTo(200);
	}

	private long patientEntries(StudyId id, String action, String outcome) {
		return jdbc.sql("""
				select count(*) from audit.entry
				where study_id = :s and action = :a and outcome = :o and actor_kind = 'PATIENT_CODE'
				""").param("s", id.value()).param("a", action).param("o", outcome).query(Long.class).single();
	}

	private static String api(StudyId id) {
		return "/patient/api/studies/" + id + "/report";
	}

}
