package org.studygate.breakglass;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.BreakGlassPolicy;
import org.studygate.department.Department;
import org.studygate.department.DepartmentSettings;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The emergency access pages, the review list, the Unlocked section and the department's
 * policy form: what they offer to whom, the refusals that change nothing, and free text
 * escaped on every page.
 */
@StudygateTest
class BreakGlassPagesTests {

	static final String SCRIPT = "<script>alert('glass')</script>";

	static final String MARKUP = "<b onmouseover=alert(1)>bold</b>";

	static final String PAYLOAD = SCRIPT + MARKUP + " unconscious after a fall";

	@Autowired
	WebApplicationContext context;

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Studies studies;

	@Autowired
	Departments departments;

	@Autowired
	JdbcClient jdbc;

	MockMvc mvc;

	Department department;

	UserId admin;

	UserId physician;

	StudyId study;

	Study registered;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Glass Pages");
		admin = fixtures.sourceAdmin(department, "Glass Pages Admin");
		physician = fixtures.physician("Dr Glass Pages", Fixtures.physicianNumber());
		study = fixtures.study(department, "Wouters^Els", LocalDate.of(2026, 6, 1), null);
		registered = studies.find(study).orElseThrow();
	}

	@Test
	void aWrongBirthDateAndADisabledPolicyShowTheSameAnswerAsAnUnknownPatient() throws Exception {
		String unknown = result(search(physician, "NOBODY" + Fixtures.unique(), "1970-05-17"));
		String wrongDate = result(search(physician, registered.patient().patientId(), "1970-05-18"));
		assertThat(unknown).contains("bg-nothing").doesNotContain("bg-candidate");
		assertThat(wrongDate).isEqualTo(unknown);

		String offered = search(physician, registered.patient().patientId(), "1970-05-17");
		assertThat(offered).contains("bg-candidate").contains("/break-glass/studies/" + study);

		departments.changeSettings(Actor.systemOperator("test"), department.code().value(),
				s -> s.withBreakGlass(new BreakGlassPolicy(false, null, null, null)));
		assertThat(result(search(physician, registered.patient().patientId(), "1970-05-17"))).isEqualTo(unknown);
		assertThat(send(physician, get("/break-glass/studies/" + study)).getStatus()).as("not offered").isEqualTo(404);
	}

	@Test
	void theUnlockFormRefusesWithoutTermsConfirmationOrALongEnoughReasonAndThenUnlocks() throws Exception {
		search(physician, registered.patient().patientId(), "1970-05-17");
		String form = send(physician, get("/break-glass/studies/" + study)).getContentAsString();
		assertThat(form).contains("Wouters").contains("ETREAT").contains("at least 20 characters");

		assertThat(unlockForm(false, true, "Unconscious patient in the emergency room").getContentAsString())
			.contains("Accept the terms");
		assertThat(unlockForm(true, false, "Unconscious patient in the emergency room").getContentAsString())
			.contains("Confirm the patient");
		assertThat(unlockForm(true, true, "too short").getContentAsString()).contains("The reason is too short");
		assertThat(jdbc.sql("select count(*) from breakglass.unlock where study_id = :s")
			.param("s", study.value())
			.query(Long.class)
			.single()).isZero();

		MockHttpServletResponse done = unlockForm(true, true, "Unconscious patient in the emergency room");
		assertThat(done.getRedirectedUrl()).isEqualTo("/studies/" + study);
		assertThat(breakGlass().ofStudy(study).get(0).kind()).isEqualTo(Unlock.Kind.EMERGENCY);
		String explore = send(physician, get("/explore")).getContentAsString();
		assertThat(explore).contains("unlocked until "
				+ breakGlass().ofStudy(study).get(0).expiresAt().atZone(department.timeZone()).toLocalDate());
	}

	@Test
	void theReasonIsEscapedOnTheAccessTabTheReviewListAndTheStudyLog() throws Exception {
		search(physician, registered.patient().patientId(), "1970-05-17");
		breakGlass().unlock(fixtures.actor(physician), study, "BTG", PAYLOAD);

		String access = send(admin, get("/studies/" + study + "/access")).getContentAsString();
		String reviews = send(admin, get("/break-glass/reviews")).getContentAsString();
		String log = send(admin, get("/studies/" + study + "/log")).getContentAsString();

		for (String html : List.of(access, reviews, log)) {
			assertThat(html).doesNotContain(SCRIPT).doesNotContain(MARKUP);
			assertThat(html).contains("&lt;script&gt;alert(&#39;glass&#39;)&lt;/script&gt;")
				.contains("&lt;b onmouseover=alert(1)&gt;bold&lt;/b&gt;");
		}
		assertThat(access).contains("access-unlocked").contains("Dr Glass Pages").contains("BTG");
		assertThat(reviews).contains("review-row").contains("Wouters");
	}

	@Test
	void anAdminReviewsFromTheListAndAnAdminOfAnotherDepartmentCannot() throws Exception {
		search(physician, registered.patient().patientId(), "1970-05-17");
		Unlock unlock = breakGlass().unlock(fixtures.actor(physician), study, "ETREAT",
				"Unconscious patient in the emergency room");
		Department other = fixtures.department("Radiology Glass Other");
		UserId otherAdmin = fixtures.sourceAdmin(other, "Other Glass Admin");

		assertThat(send(otherAdmin, get("/break-glass/reviews")).getContentAsString())
			.doesNotContain(unlock.id().toString());
		assertThat(send(otherAdmin, post("/break-glass/unlocks/" + unlock.id() + "/review").param("verdict", "MISUSE")
			.param("comment", "not mine")).getStatus()).isEqualTo(404);
		assertThat(send(otherAdmin, post("/break-glass/unlocks/" + unlock.id() + "/revoke")).getStatus())
			.isEqualTo(404);
		assertThat(send(physician, get("/break-glass/reviews")).getStatus()).as("no department to review")
			.isEqualTo(403);

		MockHttpServletResponse reviewed = send(admin,
				post("/break-glass/unlocks/" + unlock.id() + "/review").param("verdict", "MISUSE")
					.param("comment", "No emergency at that time")
					.param("back", "access"));
		assertThat(reviewed.getRedirectedUrl()).isEqualTo("/studies/" + study + "/access");
		String access = send(admin, get("/studies/" + study + "/access")).getContentAsString();
		assertThat(access).contains("Misuse").contains("No emergency at that time");
		assertThat(send(admin, get("/break-glass/reviews")).getContentAsString())
			.doesNotContain(unlock.id().toString());
		assertThat(send(admin, get("/break-glass/reviews?all=true")).getContentAsString())
			.contains(unlock.id().toString());

		send(admin, post("/break-glass/unlocks/" + unlock.id() + "/revoke").param("back", "http://evil.example/"));
		assertThat(breakGlass().ofStudy(study).get(0).state()).isEqualTo(Unlock.State.REVOKED);
	}

	@Test
	void thePolicyFormChangesOnlyThePolicyAndTheGeneralFormKeepsIt() throws Exception {
		UserId desk = fixtures.serviceDesk("Glass Desk");
		String code = department.code().value();
		departments.changeSettings(Actor.systemOperator("test"), code, s -> s.withGeneral(List.of("nl", "fr"), 10, 60));

		MockHttpServletResponse saved = send(desk,
				post("/admin/departments/" + code + "/break-glass").param("enabled", "true")
					.param("durationHours", "8")
					.param("minimumReasonLength", "40")
					.param("allowedUsers", "PHYSICIAN", "SOURCE_USER"));
		assertThat(saved.getRedirectedUrl()).isEqualTo("/admin/departments/" + code);
		DepartmentSettings settings = settings();
		assertThat(settings.breakGlass()).isEqualTo(new BreakGlassPolicy(true, 8, 40,
				java.util.Set.of(BreakGlassPolicy.Unlocker.PHYSICIAN, BreakGlassPolicy.Unlocker.SOURCE_USER)));
		assertThat(settings.languages()).containsExactly("nl", "fr");
		assertThat(settings.shareValidityDefaultDays()).isEqualTo(10);

		send(desk,
				post("/admin/departments/" + code + "/settings").param("languages", "en")
					.param("shareValidityDefaultDays", "5")
					.param("shareValidityMaximumDays", "50"));
		assertThat(settings().breakGlass().minimumReasonLength()).isEqualTo(40);
		assertThat(settings().shareValidityDefaultDays()).isEqualTo(5);

		send(desk,
				post("/admin/departments/" + code + "/break-glass").param("durationHours", "500")
					.param("minimumReasonLength", "40")
					.param("allowedUsers", "PHYSICIAN"));
		assertThat(settings().breakGlass().durationHours()).as("invalid input changes nothing").isEqualTo(8);
		String page = send(desk, get("/admin/departments/" + code)).getContentAsString();
		assertThat(page).contains("break-glass-settings").contains("value=\"40\"");
		assertThat(send(admin,
				post("/admin/departments/" + code + "/break-glass").param("enabled", "false")
					.param("durationHours", "8")
					.param("minimumReasonLength", "40")
					.param("allowedUsers", "PHYSICIAN"))
			.getStatus()).as("only the service desk configures departments").isEqualTo(403);
		assertThat(settings().breakGlass().enabled()).isTrue();

		MockHttpServletResponse api = mvc
			.perform(put("/api/v1/admin/departments/{code}/settings", code)
				.header("Authorization", fixtures.bearer(desk))
				.contentType(MediaType.APPLICATION_JSON)
				.content(
						"""
								{"languages":["en"],"shareValidityDefaultDays":5,"shareValidityMaximumDays":50,
								 "breakGlass":{"enabled":false,"durationHours":12,"minimumReasonLength":25,"allowedUsers":["ANY_STAFF"]}}
								"""))
			.andReturn()
			.getResponse();
		assertThat(api.getStatus()).isEqualTo(200);
		assertThat(api.getContentAsString()).contains("\"allowedUsers\":[\"ANY_STAFF\"]");
		assertThat(settings().breakGlass())
			.isEqualTo(new BreakGlassPolicy(false, 12, 25, java.util.Set.of(BreakGlassPolicy.Unlocker.ANY_STAFF)));
		assertThat(mvc
			.perform(put("/api/v1/admin/departments/{code}/settings", code)
				.header("Authorization", fixtures.bearer(desk))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"breakGlass\":{\"allowedUsers\":[\"NURSE\"]}}"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(400);
	}

	private DepartmentSettings settings() {
		return departments.find(department.id()).orElseThrow().settings();
	}

	private BreakGlass breakGlass() {
		return context.getBean(BreakGlass.class);
	}

	private MockHttpServletResponse unlockForm(boolean terms, boolean confirmed, String reason) throws Exception {
		MockHttpServletRequestBuilder request = post("/break-glass/studies/" + study + "/unlock")
			.param("purpose", "ETREAT")
			.param("reason", reason);
		if (terms) {
			request.param("termsAccepted", "true");
		}
		if (confirmed) {
			request.param("patientConfirmed", "true");
		}
		return send(physician, request);
	}

	private String search(UserId user, String patientId, String birthDate) throws Exception {
		return send(user, post("/break-glass/search").param("patientId", patientId).param("birthDate", birthDate))
			.getContentAsString();
	}

	/**
	 * The part of the search page after the form: the answer, without the echoed input.
	 */
	private static String result(String html) {
		return html.substring(html.indexOf("id=\"bg-search\""));
	}

	private MockHttpServletResponse send(UserId user, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(authentication(fixtures.signedIn(user))).with(csrf()))
			.andReturn()
			.getResponse();
	}

}
