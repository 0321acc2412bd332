package org.studygate.ris;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.WebFixture;
import org.studygate.access.GrantOrigin;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.access.NewGrant;
import org.studygate.access.SubjectType;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.Registrations;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Reports over MLLP (ORU^R01) and their reading through the API: versions kept, the last
 * shown, the earlier ones to source admins only; who may see the images but not the
 * report is refused, who may not list the study does not find it; each reading logged.
 */
class ReportMessageTests extends ListenerContext {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Registrations registrations;

	@Autowired
	Grants grants;

	MockMvc mvc;

	Department department;

	String requesterNumber;

	UserId requester;

	UserId imagesOnly;

	UserId stranger;

	UserId admin;

	String accession;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Reports");
		requesterNumber = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Reader", requesterNumber);
		imagesOnly = fixtures.physician("Dr Images", Fixtures.physicianNumber());
		stranger = fixtures.physician("Dr Outside", Fixtures.physicianNumber());
		admin = fixtures.sourceAdmin(department, "Admin Reports");
		accession = "R" + Fixtures.unique();
		Map<String, String> order = values("NW");
		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", order))).isEqualTo("AA");
		study = registrations
			.register(Actor.systemOperator("archive"),
					new StudyRegistration("1.2.826.0.1.3680043.8." + Math.abs(System.nanoTime()), accession,
							department.code().value(), LocalDate.of(2026, 12, 1), null, "CT", "CT thorax", 1, 10,
							new StudyRegistration.PatientData(order.get("PID"), "Peeters^Ann",
									LocalDate.of(1970, 5, 17), "F", null, null, null),
							null))
			.id();
		grants.grant(fixtures.actor(admin), study, new NewGrant(SubjectType.USER, imagesOnly.value(), GrantScope.IMAGES,
				false, false, null, null, GrantOrigin.SHARE));
	}

	Map<String, String> values(String control) {
		Map<String, String> values = RisSender.order(department.code().value(), control, accession);
		values.put("REQ", requesterNumber);
		values.put("CC", Fixtures.physicianNumber());
		values.put("CC2", Fixtures.physicianNumber());
		return values;
	}

	String report(String status, String text) {
		Map<String, String> values = values("RE");
		values.put("STATUS", status);
		values.put("TIME", "202612041030");
		values.put("TEXT", text);
		values.put("CONCLUSION", "no abnormality");
		return RisSender.message("oru-r01.hl7", values);
	}

	@Test
	void preliminaryFinalAndCorrectedReportsKeepTheirHistoryAndShowTheLast() throws Exception {
		assertThat(RisSender.sendWithHapi(PORT, report("P", "Lungs clear (preliminary)"))).isEqualTo("AA");
		assertThat(read(requester).get("status").asString()).isEqualTo("PRELIMINARY");

		assertThat(RisSender.sendWithHapi(PORT, report("F", "Lungs clear"))).isEqualTo("AA");
		assertThat(RisSender.sendWithHapi(PORT, report("C", "Lungs clear, small nodule right apex"))).isEqualTo("AA");

		JsonNode shown = read(requester);
		assertThat(shown.get("status").asString()).isEqualTo("CORRECTED");
		assertThat(shown.get("text").asString())
			.isEqualTo("Lungs clear, small nodule right apex\nConclusion: no abnormality");
		assertThat(shown.get("radiologist").asString()).isEqualTo("Vermeulen, Els");
		assertThat(shown.get("reportedAt").asString()).isEqualTo("2026-12-04T09:30:00Z");
		assertThat(shown.get("versions")).as("earlier versions are for source admins").isEmpty();
		assertThat(shown.get("pdfUrl").isNull()).isTrue();
		JsonNode managed = read(admin);
		assertThat(managed.get("versions")).hasSize(3);
		assertThat(managed.get("versions").get(2).get("status").asString()).isEqualTo("PRELIMINARY");
		assertThat(readsLoggedFor(requester)).isEqualTo(2);
	}

	@Test
	void whoSeesOnlyTheImagesIsRefusedTheReportAndAStrangerDoesNotFindIt() throws Exception {
		RisSender.sendWithHapi(PORT, report("F", "Lungs clear"));

		assertThat(status(imagesOnly, "/api/v1/studies/" + study.value())).isEqualTo(200);
		MockHttpServletResponse refused = response(imagesOnly, "/api/v1/studies/" + study.value() + "/report");
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentAsString()).doesNotContain("Lungs");
		assertThat(status(stranger, "/api/v1/studies/" + study.value() + "/report")).isEqualTo(404);
		assertThat(status(stranger, "/api/v1/studies/" + study.value() + "/report/pdf")).isEqualTo(404);
		assertThat(readsLoggedFor(imagesOnly)).isZero();
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where study_id = :s and actor_id = :u and outcome = 'DENIED'
				""").param("s", study.value()).param("u", imagesOnly.value().toString()).query(Long.class).single())
			.isPositive();
	}

	@Test
	void aReportDocumentIsServedAsPdfToWhoMayReadTheReport() throws Exception {
		byte[] pdf = "%PDF-1.4\n% a report\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
		Map<String, String> values = values("RE");
		values.put("STATUS", "F");
		values.put("TIME", "20261204103000");
		values.put("TEXT", "See the document");
		values.put("PDF", Base64.getEncoder().encodeToString(pdf));

		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("oru-r01-pdf.hl7", values))).isEqualTo("AA");

		String pdfUrl = read(requester).get("pdfUrl").asString();
		MockHttpServletResponse document = response(requester, pdfUrl);
		assertThat(document.getStatus()).isEqualTo(200);
		assertThat(document.getContentType()).isEqualTo("application/pdf");
		assertThat(document.getContentAsByteArray()).isEqualTo(pdf);
		assertThat(status(imagesOnly, pdfUrl)).isEqualTo(403);
	}

	@Test
	void aReportForAnUnknownOrderOrWithoutStatusIsAnsweredWithAnError() {
		String unknown = report("F", "Lungs clear").replace(accession, "NOSUCH" + Fixtures.unique());
		assertThat(RisSender.ackCode(RisSender.sendRaw(PORT, unknown))).isEqualTo("AE");

		String ack = RisSender.sendRaw(PORT, report("Q", "Lungs clear"));
		assertThat(RisSender.ackCode(ack)).isEqualTo("AE");
		assertThat(ack).contains("OBR-25");
		assertThat(jdbc.sql("select count(*) from ris.report where study_id = :s")
			.param("s", study.value())
			.query(Long.class)
			.single()).isZero();
	}

	private JsonNode read(UserId user) throws Exception {
		MockHttpServletResponse response = response(user, "/api/v1/studies/" + study.value() + "/report");
		assertThat(response.getStatus()).isEqualTo(200);
		return json.readTree(response.getContentAsString());
	}

	private int status(UserId user, String path) throws Exception {
		return response(user, path).getStatus();
	}

	private MockHttpServletResponse response(UserId user, String path) throws Exception {
		return mvc.perform(get(path).header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

	private long readsLoggedFor(UserId user) {
		List<String> actions = jdbc.sql("select action from audit.entry where study_id = :s and actor_id = :u")
			.param("s", study.value())
			.param("u", user.value().toString())
			.query(String.class)
			.list();
		return actions.stream().filter("REPORT_READ"::equals).count();
	}

}
