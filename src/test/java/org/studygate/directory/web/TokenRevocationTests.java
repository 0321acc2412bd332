package org.studygate.directory.web;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.directory.UserId;
import tools.jackson.databind.JsonNode;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * A token that leaked, or the session of a user who changed his password or was locked
 * out, must stop opening the API: the caller revokes his own token, a password change, a
 * lock and a service-desk action revoke all of a user's tokens, and the user lists and
 * revokes his own, never another user's.
 */
@StudygateTest
class TokenRevocationTests {

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
	void deletingTheTokenRevokesItAtOnce() throws Exception {
		UserId user = fixtures.user("Dr Logout");
		String bearer = login(fixtures.usernameOf(user), Fixtures.PASSWORD);
		assertThat(status(get("/api/v1/studies"), bearer)).isEqualTo(200);

		assertThat(status(delete("/api/v1/auth/token"), bearer)).isEqualTo(204);

		assertThat(status(get("/api/v1/studies"), bearer)).isEqualTo(401);
		assertThat(revocations(user, "logout")).isEqualTo(1);
	}

	@Test
	void aPasswordChangeRevokesEveryTokenOfTheUser() throws Exception {
		UserId user = fixtures.user("Dr New Password");
		String username = fixtures.usernameOf(user);
		String first = login(username, Fixtures.PASSWORD);
		String second = login(username, Fixtures.PASSWORD);

		MockHttpServletResponse changed = mvc
			.perform(put("/api/v1/my/password").header("Authorization", first)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"currentPassword": "%s", "newPassword": "Another-pass-2"}""".formatted(Fixtures.PASSWORD)))
			.andReturn()
			.getResponse();

		assertThat(changed.getStatus()).isEqualTo(204);
		assertThat(status(get("/api/v1/studies"), first)).isEqualTo(401);
		assertThat(status(get("/api/v1/studies"), second)).isEqualTo(401);
		assertThat(login(username, "Another-pass-2")).startsWith("Bearer ");
		assertThat(revocations(user, "password changed")).isEqualTo(1);
	}

	@Test
	void aWrongCurrentPasswordChangesNothingAndCountsAsAFailure() throws Exception {
		UserId user = fixtures.user("Dr Stolen Session");
		String bearer = login(fixtures.usernameOf(user), Fixtures.PASSWORD);

		MockHttpServletResponse refused = mvc
			.perform(put("/api/v1/my/password").header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"currentPassword": "Guessed-pass-1", "newPassword": "Another-pass-2"}"""))
			.andReturn()
			.getResponse();

		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentAsString()).contains("currentPassword");
		assertThat(status(get("/api/v1/studies"), bearer)).isEqualTo(200);
		assertThat(jdbc.sql("select failed_logins from directory.user_account where id = :id")
			.param("id", user.value())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aLockByFailuresRevokesEveryTokenOfTheUser() throws Exception {
		UserId user = fixtures.user("Dr Guessed At");
		String username = fixtures.usernameOf(user);
		String bearer = login(username, Fixtures.PASSWORD);
		String stranger = "198.19." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));

		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/api/v1/auth/token").with(r -> {
				r.setRemoteAddr(stranger);
				return r;
			})
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("username", username, "password", "Wrong-pass-" + i))));
		}

		assertThat(status(get("/api/v1/studies"), bearer)).isEqualTo(401);
		assertThat(revocations(user, "account locked")).isEqualTo(1);
	}

	@Test
	void theServiceDesksLockUnlockAndChangeEachRevokeTheUsersTokens() throws Exception {
		UserId user = fixtures.user("Dr Desk Action");
		String username = fixtures.usernameOf(user);
		String desk = fixtures.bearer(fixtures.serviceDesk("Desk Actions"));

		String beforeChange = login(username, Fixtures.PASSWORD);
		assertThat(mvc
			.perform(put("/api/v1/admin/users/{id}", user.value()).header("Authorization", desk)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"displayName": "Dr Desk Action", "email": "desk.action@test.example", "language": "nl",
						 "contactPublic": false}"""))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		assertThat(status(get("/api/v1/studies"), beforeChange)).isEqualTo(401);

		String beforeLock = login(username, Fixtures.PASSWORD);
		assertThat(status(post("/api/v1/admin/users/{id}/lock", user.value()), desk)).isEqualTo(200);
		assertThat(status(get("/api/v1/studies"), beforeLock)).isEqualTo(401);
		assertThat(status(post("/api/v1/admin/users/{id}/unlock", user.value()), desk)).isEqualTo(200);

		String beforeUnlock = login(username, Fixtures.PASSWORD);
		assertThat(status(post("/api/v1/admin/users/{id}/unlock", user.value()), desk)).isEqualTo(200);
		assertThat(status(get("/api/v1/studies"), beforeUnlock)).isEqualTo(401);
	}

	@Test
	void theUserListsHisActiveTokensWithTheirLastUseAndNoSecret() throws Exception {
		UserId user = fixtures.user("Dr Token List");
		String used = login(fixtures.usernameOf(user), Fixtures.PASSWORD);
		String unused = login(fixtures.usernameOf(user), Fixtures.PASSWORD);
		fixtures.bearer(fixtures.user("Dr Somebody Else"));
		assertThat(status(get("/api/v1/studies"), used)).isEqualTo(200);

		MockHttpServletResponse response = mvc.perform(get("/api/v1/my/tokens").header("Authorization", used))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		JsonNode items = json.readTree(response.getContentAsString()).get("items");
		assertThat(items).hasSize(2);
		for (JsonNode item : items) {
			assertThat(item.has("id")).isTrue();
			assertThat(item.has("issuedAt")).isTrue();
			assertThat(item.has("expiresAt")).isTrue();
			assertThat(item.has("lastUsedAt")).isTrue();
			assertThat(item.has("token")).isFalse();
		}
		JsonNode current = items.get(0).get("current").asBoolean() ? items.get(0) : items.get(1);
		JsonNode other = current == items.get(0) ? items.get(1) : items.get(0);
		assertThat(current.get("lastUsedAt").isNull()).isFalse();
		assertThat(other.get("lastUsedAt").isNull()).isTrue();
		assertThat(response.getContentAsString()).doesNotContain(used.substring(7)).doesNotContain(unused.substring(7));
	}

	@Test
	void aUserRevokesOneOfHisTokensByItsId() throws Exception {
		UserId user = fixtures.user("Dr Two Laptops");
		String kept = login(fixtures.usernameOf(user), Fixtures.PASSWORD);
		String lost = login(fixtures.usernameOf(user), Fixtures.PASSWORD);
		String lostId = idOf(lost);

		assertThat(status(delete("/api/v1/my/tokens/{id}", lostId), kept)).isEqualTo(204);

		assertThat(status(get("/api/v1/studies"), lost)).isEqualTo(401);
		assertThat(status(get("/api/v1/studies"), kept)).isEqualTo(200);
	}

	@Test
	void anotherUsersTokenIdIsNotFoundAndTheAttemptIsLogged() throws Exception {
		UserId victim = fixtures.user("Dr Victim Token");
		UserId attacker = fixtures.user("Dr Token Thief");
		String victimBearer = login(fixtures.usernameOf(victim), Fixtures.PASSWORD);
		String attackerBearer = login(fixtures.usernameOf(attacker), Fixtures.PASSWORD);
		String victimsId = idOf(victimBearer);

		MockHttpServletResponse refused = mvc
			.perform(delete("/api/v1/my/tokens/{id}", victimsId).header("Authorization", attackerBearer))
			.andReturn()
			.getResponse();

		assertThat(refused.getStatus()).isEqualTo(404);
		assertThat(status(get("/api/v1/studies"), victimBearer)).isEqualTo(200);
		assertThat(status(delete("/api/v1/my/tokens/{id}", "not-a-token-id"), attackerBearer)).isEqualTo(404);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'TOKEN_REVOKE_REFUSED' and outcome = 'DENIED'
				  and actor_id = :attacker and details->>'tokenId' = :id
				""").param("attacker", attacker.toString()).param("id", victimsId).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void theProfilePageListsTheTokensAndRevokesOne() throws Exception {
		UserId user = fixtures.user("Dr Profile Tokens");
		String bearer = login(fixtures.usernameOf(user), Fixtures.PASSWORD);
		String id = idOf(bearer);

		String page = mvc.perform(get("/my/profile").with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(id).contains("My API tokens");

		MockHttpServletResponse revoked = mvc
			.perform(post("/my/tokens/{id}/revoke", id).with(authentication(fixtures.signedIn(user))).with(csrf()))
			.andReturn()
			.getResponse();

		assertThat(revoked.getRedirectedUrl()).isEqualTo("/my/profile");
		assertThat(status(get("/api/v1/studies"), bearer)).isEqualTo(401);
	}

	@Test
	void theProfilePagesPasswordChangeRevokesTheTokensAndAWrongCurrentPasswordIsShown() throws Exception {
		UserId user = fixtures.user("Dr Page Password");
		String bearer = login(fixtures.usernameOf(user), Fixtures.PASSWORD);

		org.springframework.test.web.servlet.MvcResult wrong = mvc
			.perform(post("/my/password").param("currentPassword", "Guessed-pass-1")
				.param("newPassword", "Another-pass-3")
				.with(authentication(fixtures.signedIn(user)))
				.with(csrf()))
			.andReturn();
		assertThat(wrong.getFlashMap().get("problem")).isEqualTo("profile.password.invalid.currentPassword");
		assertThat(status(get("/api/v1/studies"), bearer)).isEqualTo(200);

		org.springframework.test.web.servlet.MvcResult changed = mvc
			.perform(post("/my/password").param("currentPassword", Fixtures.PASSWORD)
				.param("newPassword", "Another-pass-3")
				.with(authentication(fixtures.signedIn(user)))
				.with(csrf()))
			.andReturn();

		assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/my/profile");
		assertThat(changed.getFlashMap().get("notice")).isEqualTo("profile.password.changed");
		assertThat(status(get("/api/v1/studies"), bearer)).isEqualTo(401);
		assertThat(login(fixtures.usernameOf(user), "Another-pass-3")).startsWith("Bearer ");
	}

	private String idOf(String bearer) throws Exception {
		JsonNode items = json
			.readTree(mvc.perform(get("/api/v1/my/tokens").header("Authorization", bearer))
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("items");
		for (JsonNode item : items) {
			if (item.get("current").asBoolean()) {
				return item.get("id").asString();
			}
		}
		throw new AssertionError("the caller's token is not listed");
	}

	private long revocations(UserId user, String reason) {
		return jdbc.sql("""
				select count(*) from audit.entry where action = 'TOKEN_REVOKED' and details->>'userId' = :user
				  and details->>'reason' = :reason
				""").param("user", user.toString()).param("reason", reason).query(Long.class).single();
	}

	private int status(MockHttpServletRequestBuilder request, String bearer) throws Exception {
		return mvc.perform(request.header("Authorization", bearer)).andReturn().getResponse().getStatus();
	}

	private String login(String username, String password) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("username", username, "password", password))))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return "Bearer " + json.readTree(response.getContentAsString()).get("token").asString();
	}

}
