package org.studygate.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.PatientFixtures;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Page sessions through the real Spring Session filter: stored in PostgreSQL, a new id at
 * login, 30 minutes idle and 4 hours at most, ended by signing out, and a cookie scripts
 * cannot read.
 */
@StudygateTest
class SessionTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PatientFixtures patients;

	@Autowired
	JdbcIndexedSessionRepository sessions;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.withSessions();
	}

	@Test
	void storesTheSessionOfALoggedInUserInPostgresql() throws Exception {
		UserId user = fixtures.user("Dr Vermeulen");

		String session = login(fixtures.usernameOf(user));

		assertThat(jdbc.sql("select principal_name from spring_session where session_id = :id")
			.param("id", session)
			.query(String.class)
			.single()).isEqualTo(user.toString());
		assertThat(jdbc
			.sql("""
					select count(*) from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id
					where s.session_id = :id and a.attribute_name = 'SPRING_SECURITY_CONTEXT'
					""")
			.param("id", session)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(mvc.perform(get("/explore").cookie(cookie(session))).andReturn().getResponse().getStatus())
			.isEqualTo(200);
	}

	@Test
	void endsASessionAfterThirtyMinutesIdle() throws Exception {
		String session = login(fixtures.usernameOf(fixtures.user("Dr Dubois")));

		assertThat(jdbc.sql("select max_inactive_interval from spring_session where session_id = :id")
			.param("id", session)
			.query(Integer.class)
			.single()).isEqualTo((int) Duration.ofMinutes(30).toSeconds());
	}

	@Test
	void givesTheSessionANewIdAtLogin() throws Exception {
		MockHttpServletResponse page = mvc.perform(get("/login")).andReturn().getResponse();
		String before = sessionId(page);
		String token = csrf(page.getContentAsString());

		MockHttpServletResponse response = mvc
			.perform(post("/login").cookie(cookie(before))
				.param("username", fixtures.usernameOf(fixtures.user("Dr Lambert")))
				.param("password", Fixtures.PASSWORD)
				.param("_csrf", token))
			.andReturn()
			.getResponse();

		assertThat(response.getRedirectedUrl()).isEqualTo("/explore");
		String after = sessionId(response);
		assertThat(after).isNotEqualTo(before);
		assertThat(count(before)).isZero();
		assertThat(count(after)).isEqualTo(1);
	}

	@Test
	void endsASessionFourHoursAfterItBeganEvenWhenItWasUsed() throws Exception {
		String session = login(fixtures.usernameOf(fixtures.user("Dr Hermans")));
		long fiveHoursAgo = System.currentTimeMillis() - Duration.ofHours(5).toMillis();
		jdbc.sql("update spring_session set creation_time = :created, last_access_time = :now where session_id = :id")
			.param("created", fiveHoursAgo)
			.param("now", System.currentTimeMillis())
			.param("id", session)
			.update();

		MockHttpServletResponse response = mvc.perform(get("/explore").cookie(cookie(session)))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).endsWith("/login");
		assertThat(count(session)).isZero();
	}

	@Test
	void keepsASessionThatBeganLessThanFourHoursAgo() throws Exception {
		String session = login(fixtures.usernameOf(fixtures.user("Dr Lemmens")));
		jdbc.sql("update spring_session set creation_time = :created where session_id = :id")
			.param("created", System.currentTimeMillis() - Duration.ofHours(3).toMillis())
			.param("id", session)
			.update();

		assertThat(mvc.perform(get("/explore").cookie(cookie(session))).andReturn().getResponse().getStatus())
			.isEqualTo(200);
	}

	@Test
	void setsASecureHttpOnlySameSiteLaxSessionCookie() throws Exception {
		String header = mvc.perform(get("/login")).andReturn().getResponse().getHeader("Set-Cookie");

		assertThat(header).startsWith(SessionConfiguration.COOKIE + "=")
			.contains("; Secure")
			.contains("; HttpOnly")
			.contains("; SameSite=Lax")
			.contains("; Path=/");
	}

	@Test
	void storesAPatientsCodeSessionWhichSigningOutRemoves() throws Exception {
		Department department = fixtures.department("Radiology Session Patients");
		IssuedCode code = patients.code(patients.study(department, 3));
		MockHttpServletResponse login = mvc
			.perform(post("/patient/api/login").contentType(MediaType.APPLICATION_JSON)
				.content("{\"referenceNumber\":\"" + code.code() + "\",\"birthDate\":\"" + PatientFixtures.BIRTH_DATE
						+ "\"}"))
			.andReturn()
			.getResponse();
		assertThat(login.getStatus()).isEqualTo(200);
		String session = sessionId(login);
		assertThat(count(session)).as("stored by the session's own insert (decision 075)").isEqualTo(1);
		assertThat(ReflectionTestUtils.getField(sessions, "createSessionQuery")).asString()
			.contains("set_config('synchronous_commit', 'off', true)")
			.containsIgnoringCase("insert into spring_session ");
		MockHttpServletResponse page = mvc.perform(get("/patient/studies").cookie(cookie(session)))
			.andReturn()
			.getResponse();
		assertThat(page.getStatus()).isEqualTo(200);

		mvc.perform(post("/patient/logout").cookie(cookie(session)).param("_csrf", csrf(page.getContentAsString())))
			.andReturn();

		assertThat(count(session)).isZero();
		assertThat(
				mvc.perform(get("/patient/api/studies").cookie(cookie(session))).andReturn().getResponse().getStatus())
			.isEqualTo(401);
	}

	private String login(String username) throws Exception {
		MockHttpServletResponse page = mvc.perform(get("/login")).andReturn().getResponse();
		MockHttpServletResponse response = mvc
			.perform(post("/login").cookie(cookie(sessionId(page)))
				.param("username", username)
				.param("password", Fixtures.PASSWORD)
				.param("_csrf", csrf(page.getContentAsString())))
			.andReturn()
			.getResponse();
		assertThat(response.getRedirectedUrl()).isEqualTo("/explore");
		return sessionId(response);
	}

	private int count(String sessionId) {
		return jdbc.sql("select count(*) from spring_session where session_id = :id")
			.param("id", sessionId)
			.query(Integer.class)
			.single();
	}

	static String sessionId(MockHttpServletResponse response) {
		Cookie cookie = response.getCookie(SessionConfiguration.COOKIE);
		assertThat(cookie).as("session cookie").isNotNull();
		return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
	}

	static Cookie cookie(String sessionId) {
		return new Cookie(SessionConfiguration.COOKIE,
				Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.UTF_8)));
	}

	static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("CSRF field in the form").isTrue();
		return matcher.group(1);
	}

}
