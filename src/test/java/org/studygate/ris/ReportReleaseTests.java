package org.studygate.ris;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.ReportRelease;
import org.studygate.department.setup.DepartmentSetup;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The department's release rule (decision 052): a final report becomes available to the
 * patient at once, after some hours, or only once the requesting physician or a source
 * admin released it; the rule is a department setting kept by the service desk.
 */
@StudygateTest
class ReportReleaseTests {

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

	@Autowired
	Departments departments;

	@Autowired
	DepartmentSetup setup;

	MockMvc mvc;

	Department department;

	UserId admin;

	UserId requester;

	UserId copied;

	UserId outsider;

	UserId serviceDesk;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Release");
		admin = fixtures.sourceAdmin(department, "Admin Release");
		String number = Fixtures.physicianNumber();
		String ccNumber = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Release", number);
		copied = fixtures.physician("Dr Copied", ccNumber);
		outsider = fixtures.physician("Dr Elsewhere", Fixtures.physicianNumber());
		serviceDesk = fixtures.serviceDesk("Desk Release");
		study = fixtures.study(department, "Claes^Els", LocalDate.of(2026, 11, 2), number, ccNumber);
	}

	@Test
	void byDefaultAFinalReportIsAvailableAtOnceAndAPreliminaryOneIsNot() throws Exception {
		report("PRELIMINARY", "Probably normal");
		assertThat(availableAt()).isNull();

		Instant before = fixtures.clock().instant();
		report("FINAL", "Normal");
		assertThat(availableAt()).isBetween(before, fixtures.clock().instant());

		report("CANCELLED", null);
		assertThat(availableAt()).isNull();
	}

	@Test
	void afterHoursTheReportIsAvailableThatLongAfterItBecameFinalAndACorrectionKeepsTheInstant() throws Exception {
		rule(new ReportRelease(ReportRelease.Rule.AFTER_HOURS, 48));
		Instant before = fixtures.clock().instant();
		report("FINAL", "Normal");
		Instant available = availableAt();
		assertThat(available).isBetween(before.plus(Duration.ofHours(48)),
				fixtures.clock().instant().plus(Duration.ofHours(48)));

		report("CORRECTED", "Normal, corrected laterality");
		assertThat(availableAt()).isEqualTo(available);
	}

	@Test
	void afterPhysicianReleaseOnlyTheRequesterOrASourceAdminReleasesAFinalReport() throws Exception {
		rule(new ReportRelease(ReportRelease.Rule.AFTER_PHYSICIAN_RELEASE, null));
		report("PRELIMINARY", "Probably normal");
		assertThat(call(post(path("/report/release")), requester).getStatus()).isEqualTo(409);
		report("FINAL", "Normal");
		assertThat(availableAt()).isNull();
		assertThat(
				json.readTree(call(get(path("/report")), requester).getContentAsString()).get("releasable").asBoolean())
			.isTrue();

		MockHttpServletResponse byCopied = call(post(path("/report/release")), copied);
		assertThat(byCopied.getStatus()).isEqualTo(403);
		assertThat(byCopied.getContentAsString()).doesNotContainIgnoringCase("exception");
		assertThat(call(post(path("/report/release")), outsider).getStatus()).isEqualTo(404);
		assertThat(availableAt()).isNull();
		// the decision point refuses both and logs each: the copied physician may read
		// but
		// not release, the outsider may not even list the study
		assertThat(entries("RELEASE_REPORT", "DENIED")).isEqualTo(2);
		assertThat(entries("REPORT_RELEASED", "DENIED")).isZero();

		Instant before = fixtures.clock().instant();
		MockHttpServletResponse released = call(post(path("/report/release")), requester);
		assertThat(released.getStatus()).isEqualTo(200);
		assertThat(availableAt()).isBetween(before, fixtures.clock().instant());
		assertThat(json.readTree(released.getContentAsString()).get("availableToPatientAt").asString())
			.isEqualTo(availableAt().toString());
		assertThat(entries("REPORT_RELEASED", "SUCCESS")).isEqualTo(1);
	}

	@Test
	void theServiceDeskAndAnExcludedRequesterAreRefusedTheReleaseByTheDecisionPoint() throws Exception {
		rule(new ReportRelease(ReportRelease.Rule.AFTER_PHYSICIAN_RELEASE, null));
		report("FINAL", "Normal");
		MockHttpServletResponse byDesk = call(post(path("/report/release")), serviceDesk);
		assertThat(byDesk.getStatus()).isEqualTo(403);
		assertThat(byDesk.getContentType()).contains("problem");
		assertThat(availableAt()).isNull();

		MockHttpServletResponse excluded = mvc
			.perform(post(path("/exclusions")).header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(java.util.Map.of("userId", requester.value().toString(), "reason",
						"Patient asked that his own physician not follow this examination"))))
			.andReturn()
			.getResponse();
		assertThat(excluded.getStatus()).as(excluded.getContentAsString()).isEqualTo(201);
		assertThat(call(post(path("/report/release")), requester).getStatus()).isEqualTo(404);
		assertThat(availableAt()).isNull();
		assertThat(entries("RELEASE_REPORT", "DENIED")).isEqualTo(2);
	}

	@Test
	void theStudyPageOffersTheReleaseToTheRequesterAndASourceAdminOnly() throws Exception {
		rule(new ReportRelease(ReportRelease.Rule.AFTER_PHYSICIAN_RELEASE, null));
		report("FINAL", "Normal");

		assertThat(page(get("/studies/" + study), copied).getContentAsString()).contains("report-text")
			.doesNotContain("release-report");
		assertThat(page(get("/studies/" + study), admin).getContentAsString()).contains("release-report");
		assertThat(page(post("/studies/" + study + "/report/release"), copied).getStatus()).isEqualTo(403);
		assertThat(availableAt()).isNull();

		assertThat(page(post("/studies/" + study + "/report/release"), admin).getRedirectedUrl())
			.isEqualTo("/studies/" + study);
		assertThat(availableAt()).isNotNull();
		assertThat(page(get("/studies/" + study), admin).getContentAsString()).doesNotContain("release-report");
	}

	@Test
	void theServiceDeskSetsTheRuleOnTheSettingsPageAndABadRuleChangesNothing() throws Exception {
		String form = "/admin/departments/" + department.code().value() + "/ris";
		assertThat(page(get("/admin/departments/" + department.code().value()), serviceDesk).getContentAsString())
			.contains("ris-settings-form");

		page(post(form).param("releaseRule", "AFTER_HOURS").param("releaseAfterHours", "0"), serviceDesk);
		page(post(form).param("releaseRule", "SOMETIME"), serviceDesk);
		assertThat(page(post(form).param("releaseRule", "AFTER_HOURS").param("releaseAfterHours", "12"), admin)
			.getStatus()).isEqualTo(403);
		assertThat(rule().rule()).isEqualTo(ReportRelease.Rule.IMMEDIATELY);

		page(post(form).param("releaseRule", "AFTER_HOURS").param("releaseAfterHours", "12"), serviceDesk);
		assertThat(rule()).isEqualTo(new ReportRelease(ReportRelease.Rule.AFTER_HOURS, 12));
	}

	@Test
	void theSettingsApiRefusesAnImpossibleDelay() throws Exception {
		String settings = "/api/v1/admin/departments/" + department.code().value() + "/settings";
		MockHttpServletResponse refused = mvc
			.perform(put(settings).header("Authorization", fixtures.bearer(serviceDesk))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reportRelease\":{\"rule\":\"AFTER_HOURS\",\"afterHours\":9000}}"))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentAsString()).contains("afterHours");
		assertThat(rule().rule()).isEqualTo(ReportRelease.Rule.IMMEDIATELY);

		MockHttpServletResponse saved = mvc
			.perform(put(settings).header("Authorization", fixtures.bearer(serviceDesk))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reportRelease\":{\"rule\":\"AFTER_PHYSICIAN_RELEASE\"}}"))
			.andReturn()
			.getResponse();
		assertThat(saved.getStatus()).isEqualTo(200);
		assertThat(rule().rule()).isEqualTo(ReportRelease.Rule.AFTER_PHYSICIAN_RELEASE);
	}

	private ReportRelease rule() {
		return departments.find(department.id()).orElseThrow().settings().reportRelease();
	}

	private void rule(ReportRelease release) {
		setup.updateSettings(department.id(),
				departments.find(department.id()).orElseThrow().settings().withReportRelease(release));
	}

	private void report(String status, String text) throws Exception {
		String body = json.writeValueAsString(text == null ? java.util.Map.of("status", status)
				: java.util.Map.of("status", status, "text", text, "radiologist", "Dr Maes"));
		MockHttpServletResponse sent = mvc
			.perform(put(path("/report")).header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse();
		assertThat(sent.getStatus()).as(sent.getContentAsString()).isEqualTo(200);
	}

	private Instant availableAt() {
		return studies.find(study).orElseThrow().reportAvailableAt();
	}

	private long entries(String action, String outcome) {
		return jdbc.sql("select count(*) from audit.entry where study_id = :s and action = :a and outcome = :o")
			.param("s", study.value())
			.param("a", action)
			.param("o", outcome)
			.query(Long.class)
			.single();
	}

	private String path(String rest) {
		return "/api/v1/studies/" + study + rest;
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

	private MockHttpServletResponse page(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.with(authentication(fixtures.signedIn(user))).with(csrf()))
			.andReturn()
			.getResponse();
	}

}
