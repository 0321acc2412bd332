package org.studygate.web;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.directory.StaffAuthentication;
import org.studygate.directory.UserId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Staff login through the form and the token endpoint: no answer tells which part was
 * wrong.
 */
@StudygateTest
class StaffLoginTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	static final tools.jackson.core.type.TypeReference<Map<String, Object>> JSON_OBJECT = new tools.jackson.core.type.TypeReference<>() {
	};

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void logsInThroughTheFormAndLandsOnTheExplorePage() throws Exception {
		String username = fixtures.usernameOf(fixtures.user("Dr Wouters"));

		MockHttpServletResponse response = formLogin(username, Fixtures.PASSWORD);

		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).isEqualTo("/explore");
	}

	@Test
	void showsTheSameMessageForUnknownUserWrongPasswordAndLockedAccount() throws Exception {
		String wrongPassword = fixtures.usernameOf(fixtures.user("Dr Claes"));
		String locked = lockedUser("Dr Goossens");

		String unknown = formLogin("nobody." + Fixtures.unique() + "@test.example", Fixtures.PASSWORD)
			.getRedirectedUrl();
		String wrong = formLogin(wrongPassword, "Wrong-pass-9").getRedirectedUrl();
		String refused = formLogin(locked, Fixtures.PASSWORD).getRedirectedUrl();

		assertThat(unknown).isEqualTo("/login?error");
		assertThat(wrong).isEqualTo(unknown);
		assertThat(refused).isEqualTo(unknown);
		String page = mvc.perform(get("/login").param("error", "")).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("The username or password is not right, or the account is locked.");
	}

	@Test
	void locksTheAccountForAWhileAfterFiveFailuresSoThatEvenTheRightPasswordFails() throws Exception {
		UserId user = fixtures.user("Dr Jacobs");
		String username = fixtures.usernameOf(user);

		for (int i = 0; i < StaffAuthentication.LOCK_AFTER_FAILURES; i++) {
			formLogin(username, "Wrong-pass-" + i);
		}

		assertThat(formLogin(username, Fixtures.PASSWORD).getRedirectedUrl()).isEqualTo("/login?error");
		// a lock by failures is temporary (decision 028): the status stays, the lock has
		// an end
		assertThat(status(user)).isEqualTo("ACTIVE");
		assertThat(jdbc.sql("select locked_until > now() from directory.user_account where id = :id")
			.param("id", user.value())
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(jdbc.sql("select outcome from directory.login_attempt where user_id = :user order by id")
			.param("user", user.value())
			.query(String.class)
			.list()).containsExactly("BAD_CREDENTIALS", "BAD_CREDENTIALS", "BAD_CREDENTIALS", "BAD_CREDENTIALS",
					"BAD_CREDENTIALS", "LOCKED");
	}

	@Test
	void aSuccessfulLoginClearsTheFailureCount() throws Exception {
		UserId user = fixtures.user("Dr Mertens");
		String username = fixtures.usernameOf(user);
		for (int i = 0; i < StaffAuthentication.LOCK_AFTER_FAILURES - 1; i++) {
			formLogin(username, "Wrong-pass-" + i);
		}

		formLogin(username, Fixtures.PASSWORD);
		formLogin(username, "Wrong-pass-x");

		assertThat(status(user)).isEqualTo("ACTIVE");
	}

	@Test
	void answersTheTokenRequestWithTheSameBodyForUnknownUserWrongPasswordAndLockedAccount() throws Exception {
		String wrongPassword = fixtures.usernameOf(fixtures.user("Dr Peeters"));
		String locked = lockedUser("Dr Willems");

		MockHttpServletResponse unknown = token("nobody." + Fixtures.unique() + "@test.example", Fixtures.PASSWORD);
		MockHttpServletResponse wrong = token(wrongPassword, "Wrong-pass-9");
		MockHttpServletResponse refused = token(locked, Fixtures.PASSWORD);

		assertThat(unknown.getStatus()).isEqualTo(401);
		assertThat(wrong.getStatus()).isEqualTo(401);
		assertThat(refused.getStatus()).isEqualTo(401);
		assertThat(wrong.getContentAsString()).isEqualTo(unknown.getContentAsString());
		assertThat(refused.getContentAsString()).isEqualTo(unknown.getContentAsString());
		assertThat(refused.getContentType()).isEqualTo(unknown.getContentType());
		assertThat(unknown.getContentAsString()).contains("\"status\":401").doesNotContain("correlationId");
	}

	@Test
	void issuesATokenThatOpensTheApi() throws Exception {
		String username = fixtures.usernameOf(fixtures.user("Dr Maes"));

		MockHttpServletResponse response = token(username, Fixtures.PASSWORD);

		assertThat(response.getStatus()).isEqualTo(200);
		Map<String, Object> body = json.readValue(response.getContentAsString(), JSON_OBJECT);
		assertThat(body).containsKeys("token", "expiresAt");
		assertThat(mvc.perform(get("/api/v1/studies").header("Authorization", "Bearer " + body.get("token")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	private String lockedUser(String name) {
		UserId user = fixtures.user(name);
		jdbc.sql("update directory.user_account set status = 'LOCKED' where id = :id")
			.param("id", user.value())
			.update();
		return fixtures.usernameOf(user);
	}

	private String status(UserId user) {
		return jdbc.sql("select status from directory.user_account where id = :id")
			.param("id", user.value())
			.query(String.class)
			.single();
	}

	private MockHttpServletResponse formLogin(String username, String password) throws Exception {
		return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
			.andReturn()
			.getResponse();
	}

	private MockHttpServletResponse token(String username, String password) throws Exception {
		return mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("username", username, "password", password))))
			.andReturn()
			.getResponse();
	}

}
