package org.studygate.directory.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.directory.UserId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A user turns his own two-factor sign-in off (decision 058): only with his password and
 * a current code given again, a wrong one counted towards the lock and changing nothing;
 * never the service desk (403, logged DENIED).
 */
@StudygateTest
class TwoFactorOptOutTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void turnsOffOnlyWithThePasswordAndACodeGivenAgain() throws Exception {
		UserId user = fixtures.user("Dr Opt Out");
		String bearer = fixtures.bearer(user);
		String secret = enable(bearer);
		String next = TwoFactorSignInTests.code(secret, step() + 1);

		assertThat(off(bearer, "Wrong-pass-1", next).getStatus()).isEqualTo(400);
		assertThat(off(bearer, Fixtures.PASSWORD, TwoFactorSignInTests.wrongCode(secret)).getStatus()).isEqualTo(400);
		assertThat(off(bearer, Fixtures.PASSWORD, null).getStatus()).isEqualTo(400);
		assertThat(on(user)).as("bad input changes nothing").isTrue();
		assertThat(failedLogins(user)).as("each wrong try counts towards the lock").isEqualTo(3);

		assertThat(off(bearer, Fixtures.PASSWORD, next).getStatus()).isEqualTo(204);

		assertThat(on(user)).isFalse();
		assertThat(off(bearer, Fixtures.PASSWORD, next).getStatus()).as("not on any more").isEqualTo(409);
		assertThat(audited(user, "SUCCESS")).isEqualTo(1);
		assertThat(web.mvc()
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content(json
					.writeValueAsString(Map.of("username", fixtures.usernameOf(user), "password", Fixtures.PASSWORD))))
			.andReturn()
			.getResponse()
			.getStatus()).as("the password alone signs in again").isEqualTo(200);
	}

	@Test
	void theServiceDeskCannotTurnItsSecondFactorOff() throws Exception {
		UserId desk = fixtures.serviceDesk("Desk Opt Out");
		String bearer = fixtures.bearer(desk);
		String secret = enable(bearer);

		MockHttpServletResponse refused = off(bearer, Fixtures.PASSWORD, TwoFactorSignInTests.code(secret, step() + 1));

		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentAsString()).doesNotContain("Exception");
		assertThat(on(desk)).isTrue();
		assertThat(audited(desk, "DENIED")).isEqualTo(1);
	}

	@Test
	void thePageTurnsItOffAndRefusesAWrongCode() throws Exception {
		UserId user = fixtures.user("Dr Page Opt Out");
		String secret = enable(fixtures.bearer(user));

		MockHttpServletResponse wrong = page(user, Fixtures.PASSWORD, TwoFactorSignInTests.wrongCode(secret));
		assertThat(wrong.getRedirectedUrl()).isEqualTo("/my/two-factor");
		assertThat(wrong.getContentAsString()).isEmpty();
		assertThat(on(user)).isTrue();

		MockHttpServletResponse done = page(user, Fixtures.PASSWORD, TwoFactorSignInTests.code(secret, step() + 1));
		assertThat(done.getRedirectedUrl()).isEqualTo("/my/two-factor");
		assertThat(on(user)).isFalse();
	}

	private MockHttpServletResponse page(UserId user, String password, String code) throws Exception {
		return web.mvc()
			.perform(post("/my/two-factor/off").with(authentication(fixtures.signedIn(user)))
				.with(csrf())
				.param("password", password)
				.param("code", code))
			.andReturn()
			.getResponse();
	}

	private String enable(String bearer) throws Exception {
		String secret = json
			.readTree(web.mvc()
				.perform(post("/api/v1/my/two-factor/totp").header("Authorization", bearer))
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("secret")
			.asString();
		assertThat(web.mvc()
			.perform(post("/api/v1/my/two-factor/totp/confirm").header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("code", TwoFactorSignInTests.code(secret, step())))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		return secret;
	}

	private MockHttpServletResponse off(String bearer, String password, String code) throws Exception {
		Map<String, String> body = new HashMap<>();
		body.put("password", password);
		if (code != null) {
			body.put("totp", code);
		}
		return web.mvc()
			.perform(post("/api/v1/my/two-factor/off").header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(body)))
			.andReturn()
			.getResponse();
	}

	private boolean on(UserId user) {
		return jdbc.sql("select count(*) from directory.two_factor where user_id = :user and enabled_at is not null")
			.param("user", user.value())
			.query(Long.class)
			.single() > 0;
	}

	private int failedLogins(UserId user) {
		return jdbc.sql("select failed_logins from directory.user_account where id = :user")
			.param("user", user.value())
			.query(Integer.class)
			.single();
	}

	private long audited(UserId user, String outcome) {
		return jdbc
			.sql("select count(*) from audit.entry where action = 'USER_TWO_FACTOR_TURNED_OFF'"
					+ " and details->>'userId' = :user and outcome = :outcome")
			.param("user", user.toString())
			.param("outcome", outcome)
			.query(Long.class)
			.single();
	}

	private static long step() {
		return Instant.now().getEpochSecond() / 30;
	}

}
