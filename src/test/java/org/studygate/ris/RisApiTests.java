package org.studygate.ris;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The REST equivalents for a RIS without HL7: cancel and restore a study, send a report;
 * for source admins only, refusals change nothing.
 */
@StudygateTest
class RisApiTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Studies studies;

	MockMvc mvc;

	UserId admin;

	UserId clerk;

	UserId requester;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		Department department = fixtures.department("Radiology API");
		admin = fixtures.sourceAdmin(department, "Admin API");
		clerk = fixtures.sourceUser(department, "Clerk API");
		String number = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr API", number);
		study = fixtures.study(department, "Wouters^Jan", LocalDate.of(2026, 10, 2), number);
	}

	@Test
	void aSourceAdminCancelsAStudyAndRestoresIt() throws Exception {
		assertThat(call(post(path("/cancel")), admin, "{\"reason\":\"wrong patient\"}").getStatus()).isEqualTo(204);

		assertThat(call(get(path("")), requester, null).getStatus()).isEqualTo(404);
		assertThat(call(get(path("")), clerk, null).getStatus()).isEqualTo(404);
		assertThat(call(get(path("")), admin, null).getStatus()).isEqualTo(200);
		assertThat(call(post(path("/uncancel")), requester, "{\"reason\":\"mine\"}").getStatus()).isEqualTo(404);

		assertThat(call(post(path("/uncancel")), admin, "{\"reason\":\"right patient after all\"}").getStatus())
			.isEqualTo(204);
		assertThat(call(get(path("")), requester, null).getStatus()).isEqualTo(200);
		assertThat(jdbc
			.sql("select details->>'reason' from audit.entry where study_id = :s and action = 'STUDY_CANCELLED'")
			.param("s", study.value())
			.query(String.class)
			.single()).isEqualTo("wrong patient");
	}

	@Test
	void whoDoesNotManageTheStudyCannotCancelItAndAReasonIsRequired() throws Exception {
		assertThat(call(post(path("/cancel")), clerk, "{\"reason\":\"tidy up\"}").getStatus()).isEqualTo(403);
		assertThat(call(post(path("/cancel")), requester, "{\"reason\":\"tidy up\"}").getStatus()).isEqualTo(403);
		MockHttpServletResponse noReason = call(post(path("/cancel")), admin, "{\"reason\":\" \"}");
		assertThat(noReason.getStatus()).isEqualTo(400);
		assertThat(noReason.getContentAsString()).contains("reason").doesNotContainIgnoringCase("exception");

		assertThat(studies.find(study).orElseThrow().cancelled()).isFalse();
	}

	@Test
	void aSourceAdminSendsAReportThatTheRequesterReads() throws Exception {
		MockHttpServletResponse sent = call(put(path("/report")), admin,
				"{\"status\":\"FINAL\",\"text\":\"Normal knee\",\"radiologist\":\"Dr Vermeulen\"}");
		assertThat(sent.getStatus()).isEqualTo(200);
		assertThat(json.readTree(sent.getContentAsString()).get("version").asInt()).isEqualTo(1);

		MockHttpServletResponse read = call(get(path("/report")), requester, null);
		assertThat(read.getStatus()).isEqualTo(200);
		assertThat(json.readTree(read.getContentAsString()).get("text").asString()).isEqualTo("Normal knee");
	}

	@Test
	void aReportFromWhoDoesNotManageTheStudyOrWithABadStatusChangesNothing() throws Exception {
		assertThat(call(put(path("/report")), requester, "{\"status\":\"FINAL\",\"text\":\"Mine\"}").getStatus())
			.isEqualTo(403);
		MockHttpServletResponse bad = call(put(path("/report")), admin, "{\"status\":\"DONE\",\"text\":\"x\"}");
		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getContentAsString()).contains("status");
		MockHttpServletResponse notPdf = call(put(path("/report")), admin,
				"{\"status\":\"FINAL\",\"pdfBase64\":\"aGVsbG8gd29ybGQ=\"}");
		assertThat(notPdf.getStatus()).isEqualTo(400);

		assertThat(jdbc.sql("select count(*) from ris.report where study_id = :s")
			.param("s", study.value())
			.query(Long.class)
			.single()).isZero();
		assertThat(call(get(path("/report")), requester, null).getStatus()).isEqualTo(404);
	}

	@Test
	void theStudyPageCancelsAndRestoresForASourceAdminOnly() throws Exception {
		assertThat(page(get("/studies/" + study.value()), admin).getContentAsString()).contains("cancel-submit");
		assertThat(page(get("/studies/" + study.value()), requester).getContentAsString())
			.doesNotContain("cancel-submit");
		assertThat(page(post("/studies/" + study.value() + "/cancel").param("reason", "x"), clerk).getStatus())
			.isEqualTo(403);
		page(post("/studies/" + study.value() + "/cancel").param("reason", " "), admin);
		assertThat(studies.find(study).orElseThrow().cancelled()).isFalse();

		assertThat(page(post("/studies/" + study.value() + "/cancel").param("reason", "duplicate"), admin).getStatus())
			.isEqualTo(302);
		assertThat(page(get("/studies/" + study.value()), requester).getStatus()).isEqualTo(404);

		page(post("/studies/" + study.value() + "/uncancel").param("reason", "not a duplicate"), admin);
		assertThat(page(get("/studies/" + study.value()), requester).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse page(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc
			.perform(request
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.authentication(fixtures.signedIn(user)))
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.csrf()))
			.andReturn()
			.getResponse();
	}

	private String path(String rest) {
		return "/api/v1/studies/" + study.value() + rest;
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, UserId user, String body)
			throws Exception {
		request.header("Authorization", fixtures.bearer(user));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

}
