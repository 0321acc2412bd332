package org.studygate.directory.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The two-factor policy (decision 065) with the production default: the service desk
 * always, and the staff of a department whose settings require it. A user it covers who
 * has no second factor is sent to enrolment after a right password (the API answers 401
 * second-factor-enrolment-required), is never let in before his first code is right, and
 * may not turn his second factor off.
 */
@StudygateTest
@TestPropertySource(properties = "studygate.two-factor.service-desk-exempt-for-tests=false")
class TwoFactorPolicyTests {

	static final String ENROLMENT_REQUIRED = "https://studygate.org/problems/second-factor-enrolment-required";

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	String address;

	@BeforeEach
	void setUp() {
		mvc = web.withSessions();
		address = "198.18." + (int) (Math.random() * 250) + "." + (int) (1 + Math.random() * 250);
	}

	@Test
	void theServiceDeskWithoutASecondFactorIsSentToEnrolmentAndLetInOnlyByItsFirstCode() throws Exception {
		UserId desk = fixtures.serviceDesk("Desk Enrolment");
		String username = fixtures.usernameOf(desk);

		MockHttpServletResponse api = token(username, Fixtures.PASSWORD, Map.of());
		assertThat(api.getStatus()).isEqualTo(401);
		assertThat(json.readTree(api.getContentAsString()).get("type").asString()).isEqualTo(ENROLMENT_REQUIRED);
		assertThat(json.readTree(api.getContentAsString()).has("token")).as("no token").isFalse();
		assertThat(token(username, "Wrong-pass-1", Map.of()).getContentAsString())
			.as("a wrong password learns nothing of the policy")
			.doesNotContain("enrolment");

		MockHttpServletResponse login = mvc
			.perform(from(post("/login")).param("username", username).param("password", Fixtures.PASSWORD).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(login.getRedirectedUrl()).isEqualTo("/login/two-factor");
		Cookie session = login.getCookie("STUDYGATE_SESSION");
		assertThat(session).isNotNull();
		assertThat(mvc.perform(get("/explore").cookie(session)).andReturn().getResponse().getRedirectedUrl())
			.as("not signed in before enrolment")
			.endsWith("/login");
		assertThat(mvc.perform(get("/my/two-factor").cookie(session)).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");
		assertThat(page(get("/login/two-factor").cookie(session))).contains("must sign in with a second factor");

		String setUp = page(from(post("/login/two-factor/totp")).cookie(session).with(csrf()));
		String secret = setUp.replaceAll("(?s).*id=\"totp-secret\">([A-Z2-7]+)<.*", "$1");
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(setUp).contains("<svg");

		String wrong = page(from(post("/login/two-factor/confirm")).cookie(session)
			.param("code", TwoFactorSignInTests.wrongCode(secret))
			.with(csrf()));
		assertThat(wrong).contains("role=\"alert\"").contains("name=\"code\"");
		assertThat(mvc.perform(get("/explore").cookie(session)).andReturn().getResponse().getRedirectedUrl())
			.as("a wrong code lets nobody in")
			.endsWith("/login");

		MockHttpServletResponse confirmed = mvc
			.perform(from(post("/login/two-factor/confirm")).cookie(session)
				.param("code", TwoFactorSignInTests.code(secret, step()))
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(confirmed.getRedirectedUrl()).isEqualTo("/my/two-factor?enrolled");
		Cookie signedIn = confirmed.getCookie("STUDYGATE_SESSION");
		assertThat(signedIn).as("a new session id").isNotNull();
		assertThat(signedIn.getValue()).isNotEqualTo(session.getValue());
		assertThat(mvc.perform(get("/explore").cookie(signedIn)).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(page(get("/my/two-factor").param("enrolled", "").cookie(signedIn)))
			.contains("Two-factor sign-in is on");

		MockHttpServletResponse asked = token(username, Fixtures.PASSWORD, Map.of());
		assertThat(json.readTree(asked.getContentAsString()).get("type").asString())
			.as("from now on the code is asked for")
			.isEqualTo("https://studygate.org/problems/second-factor-required");
		assertThat(outcomes(desk)).contains("ENROLMENT_REQUIRED", "BAD_SECOND_FACTOR", "SUCCESS",
				"SECOND_FACTOR_REQUIRED");
		assertThat(audit("STAFF_LOGIN", "FAILURE", desk, "ENROLMENT_REQUIRED")).isPositive();
		assertThat(audit("USER_TWO_FACTOR_ENABLED", "SUCCESS", desk, null)).isEqualTo(1);
	}

	@Test
	void theEnrolmentPagesOpenNothingWithoutARightPasswordFirst() throws Exception {
		UserId desk = fixtures.serviceDesk("Desk No Pending");
		assertThat(mvc.perform(get("/login/two-factor")).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/login?enrolment-expired");
		assertThat(mvc.perform(from(post("/login/two-factor/totp")).with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/login?enrolment-expired");
		assertThat(mvc.perform(from(post("/login/two-factor/confirm")).param("code", "123456").with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/login?enrolment-expired");
		assertThat(page(get("/login").param("enrolment-expired", ""))).contains("took too long");

		MockHttpServletResponse wrong = mvc
			.perform(from(post("/login")).param("username", fixtures.usernameOf(desk))
				.param("password", "Wrong-pass-1")
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");
		Cookie session = wrong.getCookie("STUDYGATE_SESSION");
		if (session != null) {
			assertThat(
					mvc.perform(get("/login/two-factor").cookie(session)).andReturn().getResponse().getRedirectedUrl())
				.isEqualTo("/login?enrolment-expired");
		}
		assertThat(jdbc.sql("select count(*) from directory.two_factor where user_id = :user")
			.param("user", desk.value())
			.query(Long.class)
			.single()).as("no secret made").isZero();
	}

	@Test
	void aDepartmentsSettingCoversItsOwnStaffOnlyAndOnlyTheServiceDeskChangesIt() throws Exception {
		Department strict = fixtures.department("Strict Radiology");
		Department other = fixtures.department("Relaxed Radiology");
		UserId staff = fixtures.sourceUser(strict, "Tech Strict");
		UserId admin = fixtures.sourceAdmin(strict, "Admin Strict");
		UserId elsewhere = fixtures.sourceUser(other, "Tech Relaxed");
		UserId physician = fixtures.user("Dr Outside");
		UserId desk = fixtures.serviceDesk("Desk Settings");
		assertThat(token(fixtures.usernameOf(staff), Fixtures.PASSWORD, Map.of()).getStatus()).isEqualTo(200);

		assertThat(mvc
			.perform(post("/admin/departments/{code}/settings", strict.code().value()).param("languages", "en")
				.param("shareValidityDefaultDays", "30")
				.param("shareValidityMaximumDays", "365")
				.param("twoFactorRequired", "true")
				.with(authentication(fixtures.signedIn(admin)))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus()).as("a source admin does not change the department's settings").isEqualTo(403);
		assertThat(token(fixtures.usernameOf(staff), Fixtures.PASSWORD, Map.of()).getStatus()).isEqualTo(200);

		assertThat(mvc
			.perform(post("/admin/departments/{code}/settings", strict.code().value()).param("languages", "en")
				.param("shareValidityDefaultDays", "30")
				.param("shareValidityMaximumDays", "365")
				.param("twoFactorRequired", "true")
				.with(authentication(fixtures.signedIn(desk)))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/admin/departments/" + strict.code().value());
		assertThat(page(
				get("/admin/departments/{code}", strict.code().value()).with(authentication(fixtures.signedIn(desk)))))
			.containsPattern("id=\"two-factor-required\"[^>]*checked");

		for (UserId covered : List.of(staff, admin)) {
			MockHttpServletResponse answer = token(fixtures.usernameOf(covered), Fixtures.PASSWORD, Map.of());
			assertThat(answer.getStatus()).isEqualTo(401);
			assertThat(json.readTree(answer.getContentAsString()).get("type").asString()).isEqualTo(ENROLMENT_REQUIRED);
		}
		assertThat(token(fixtures.usernameOf(elsewhere), Fixtures.PASSWORD, Map.of()).getStatus())
			.as("another department's staff")
			.isEqualTo(200);
		assertThat(token(fixtures.usernameOf(physician), Fixtures.PASSWORD, Map.of()).getStatus())
			.as("staff of no department")
			.isEqualTo(200);
		assertThat(audit("DEPARTMENT_SETTINGS_CHANGED", "SUCCESS", desk, null)).isPositive();
	}

	@Test
	void aUserThePolicyCoversCannotTurnHisSecondFactorOff() throws Exception {
		Department strict = fixtures.department("Strict Opt Out");
		UserId staff = fixtures.sourceUser(strict, "Tech Opt Out");
		String bearer = fixtures.bearer(staff);
		String secret = json
			.readTree(mvc.perform(post("/api/v1/my/two-factor/totp").header("Authorization", bearer))
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("secret")
			.asString();
		assertThat(mvc
			.perform(post("/api/v1/my/two-factor/totp/confirm").header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("code", TwoFactorSignInTests.code(secret, step())))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		jdbc.sql(
				"update department.department set settings = settings || '{\"twoFactorRequired\": true}' where id = :id")
			.param("id", strict.id().value())
			.update();

		MockHttpServletResponse refused = mvc
			.perform(from(post("/api/v1/my/two-factor/off")).header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(
						Map.of("password", Fixtures.PASSWORD, "totp", TwoFactorSignInTests.code(secret, step() + 1)))))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(audit("USER_TWO_FACTOR_TURNED_OFF", "DENIED", staff, null)).isEqualTo(1);
		assertThat(token(fixtures.usernameOf(staff), Fixtures.PASSWORD, Map.of()).getContentAsString()).as("still on")
			.contains("second-factor-required");
		assertThat(mvc
			.perform(post("/my/two-factor/off").param("password", Fixtures.PASSWORD)
				.param("code", TwoFactorSignInTests.code(secret, step() + 1))
				.with(authentication(fixtures.signedIn(staff)))
				.with(csrf()))
			.andReturn()
			.getFlashMap()
			.get("problem")).isEqualTo("twoFactor.policyAlways");
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getRedirectedUrl()).isEqualTo(200);
		return response.getContentAsString();
	}

	private MockHttpServletResponse token(String username, String password, Map<String, String> factor)
			throws Exception {
		Map<String, String> body = new HashMap<>(factor);
		body.put("username", username);
		body.put("password", password);
		return mvc
			.perform(from(post("/api/v1/auth/token")).contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(body)))
			.andReturn()
			.getResponse();
	}

	private MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request) {
		return request.with(r -> {
			r.setRemoteAddr(address);
			return r;
		});
	}

	private List<String> outcomes(UserId user) {
		return jdbc.sql("select outcome from directory.login_attempt where user_id = :user")
			.param("user", user.value())
			.query(String.class)
			.list();
	}

	private long audit(String action, String outcome, UserId user, String result) {
		return jdbc
			.sql("select count(*) from audit.entry where action = :action and outcome = :outcome"
					+ " and (actor_id = :user or details->>'userId' = :user)"
					+ " and (cast(:result as text) is null or details->>'result' = :result)")
			.param("action", action)
			.param("outcome", outcome)
			.param("user", user.toString())
			.param("result", result)
			.query(Long.class)
			.single();
	}

	private static long step() {
		return Instant.now().getEpochSecond() / 30;
	}

}
