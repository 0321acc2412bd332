package org.studygate.directory.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two-factor sign-in for local accounts (decision 057): a user enrols an authenticator
 * app and confirms a first code; from then his password alone gets a 401 of type
 * second-factor-required, a code signs him in once (a replayed code is refused), five
 * wrong second factors lock the account like wrong passwords, recovery codes work once
 * and only for their owner, and the secret is never stored in clear. Codes are computed
 * here from the secret with the real clock, one step ahead where the step in force was
 * used already (one step of drift is allowed).
 */
@StudygateTest
class TwoFactorSignInTests {

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
		mvc = web.withRequestContext();
		address = "198.19." + (int) (Math.random() * 250) + "." + (int) (1 + Math.random() * 250);
	}

	@Test
	void anAuthenticatorOnceConfirmedIsAskedForAndACodeSignsInOnce() throws Exception {
		UserId user = fixtures.user("Dr Two Factor");
		String username = fixtures.usernameOf(user);
		String bearer = fixtures.bearer(user);

		JsonNode enrolment = read(mvc.perform(post("/api/v1/my/two-factor/totp").header("Authorization", bearer))
			.andReturn()
			.getResponse(), 200);
		String secret = enrolment.get("secret").asString();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(enrolment.get("otpauthUri").asString()).startsWith("otpauth://totp/Studygate%3A")
			.contains("secret=" + secret)
			.contains("issuer=Studygate");
		assertThat(enrolment.get("qrSvg").asString()).startsWith("<svg").contains("<path d=\"M");
		assertThat(token(username, Fixtures.PASSWORD, Map.of()).getStatus()).as("not on before confirmation")
			.isEqualTo(200);

		assertThat(confirm(bearer, code(secret, step())).getStatus()).isEqualTo(204);

		MockHttpServletResponse asked = token(username, Fixtures.PASSWORD, Map.of());
		assertThat(asked.getStatus()).isEqualTo(401);
		assertThat(read(asked, 401).get("type").asString())
			.isEqualTo("https://studygate.org/problems/second-factor-required");

		String next = code(secret, step() + 1);
		assertThat(token(username, Fixtures.PASSWORD, Map.of("totp", next)).getStatus()).isEqualTo(200);
		MockHttpServletResponse replayed = token(username, Fixtures.PASSWORD, Map.of("totp", next));
		assertThat(replayed.getStatus()).as("a code is good once").isEqualTo(401);
		assertThat(replayed.getContentAsString()).doesNotContain("second-factor-required");
		assertThat(token(username, "Wrong-pass-1", Map.of("totp", code(secret, step() + 1))).getContentAsString())
			.as("a wrong password with a code is a plain failure")
			.doesNotContain("second-factor-required");

		assertThat(outcomes(user)).contains("SECOND_FACTOR_REQUIRED", "BAD_SECOND_FACTOR", "SUCCESS");
		assertThat(jdbc
			.sql("select count(*) from audit.entry where action = 'USER_TWO_FACTOR_ENABLED'"
					+ " and details->>'userId' = :user")
			.param("user", user.toString())
			.query(Long.class)
			.single()).isEqualTo(1);
		byte[] stored = jdbc.sql("select totp_cipher from directory.two_factor where user_id = :user")
			.param("user", user.value())
			.query(byte[].class)
			.single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
		assertThat(indexOf(stored, new Base32().decode(secret))).as("the raw secret is not stored").isEqualTo(-1);
	}

	@Test
	void fiveWrongSecondFactorsLockTheAccountLikeWrongPasswords() throws Exception {
		UserId user = fixtures.user("Dr Guessed Factor");
		String username = fixtures.usernameOf(user);
		String secret = enable(user);
		String wrong = wrongCode(secret);

		for (int i = 0; i < 5; i++) {
			assertThat(token(username, Fixtures.PASSWORD, Map.of("totp", wrong)).getStatus()).isEqualTo(401);
		}

		assertThat(jdbc.sql("select locked_until > now() from directory.user_account where id = :id")
			.param("id", user.value())
			.query(Boolean.class)
			.single()).isTrue();
		MockHttpServletResponse locked = token(username, Fixtures.PASSWORD, Map.of("totp", code(secret, step() + 1)));
		assertThat(locked.getStatus()).isEqualTo(401);
		assertThat(locked.getContentAsString()).doesNotContain("second-factor-required");
		assertThat(jdbc
			.sql("select count(*) from audit.entry where action = 'STAFF_LOGIN' and outcome = 'FAILURE'"
					+ " and details->>'result' = 'BAD_SECOND_FACTOR' and actor_id = :user")
			.param("user", user.toString())
			.query(Long.class)
			.single()).isEqualTo(5);
		assertThat(jdbc.sql("select count(*) from audit.entry where action = 'USER_LOCKED' and details->>'userId' = :u")
			.param("u", user.toString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aRecoveryCodeSignsInOnceAndOnlyForItsOwner() throws Exception {
		UserId owner = fixtures.user("Dr Lost Phone");
		UserId other = fixtures.user("Dr Other Phone");
		enable(owner);
		enable(other);
		JsonNode codes = read(mvc
			.perform(post("/api/v1/my/two-factor/recovery-codes").header("Authorization", fixtures.bearer(owner)))
			.andReturn()
			.getResponse(), 200).get("codes");
		assertThat(codes).hasSize(10);
		String first = codes.get(0).asString();
		assertThat(first).matches("[A-Z2-9]{5}-[A-Z2-9]{5}");

		assertThat(token(fixtures.usernameOf(other), Fixtures.PASSWORD, Map.of("recoveryCode", first)).getStatus())
			.as("another user's recovery code")
			.isEqualTo(401);
		assertThat(token(fixtures.usernameOf(owner), Fixtures.PASSWORD,
				Map.of("recoveryCode", first.toLowerCase(Locale.ROOT).replace("-", " ")))
			.getStatus()).isEqualTo(200);
		assertThat(token(fixtures.usernameOf(owner), Fixtures.PASSWORD, Map.of("recoveryCode", first)).getStatus())
			.as("a recovery code is good once")
			.isEqualTo(401);

		JsonNode status = read(mvc.perform(get("/api/v1/my/two-factor").header("Authorization", fixtures.bearer(owner)))
			.andReturn()
			.getResponse(), 200);
		assertThat(status.get("totp").asBoolean()).isTrue();
		assertThat(status.get("recoveryCodesLeft").asInt()).isEqualTo(9);
		List<byte[]> hashes = jdbc.sql("select code_hash from directory.recovery_code where user_id = :user")
			.param("user", owner.value())
			.query(byte[].class)
			.list();
		assertThat(hashes).hasSize(10)
			.noneMatch(h -> new String(h, StandardCharsets.ISO_8859_1).contains(first.replace("-", "")));
	}

	@Test
	void anOpenSessionCannotSwapTheAuthenticatorAndBadInputChangesNothing() throws Exception {
		UserId user = fixtures.user("Dr Careful Enrolment");
		String bearer = fixtures.bearer(user);
		assertThat(mvc.perform(post("/api/v1/my/two-factor/recovery-codes").header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).as("no recovery codes while off").isEqualTo(409);
		assertThat(confirm(bearer, "123456").getStatus()).as("nothing to confirm").isEqualTo(409);

		String secret = read(mvc.perform(post("/api/v1/my/two-factor/totp").header("Authorization", bearer))
			.andReturn()
			.getResponse(), 200).get("secret").asString();
		MockHttpServletResponse wrong = confirm(bearer, wrongCode(secret));
		assertThat(wrong.getStatus()).isEqualTo(400);
		assertThat(wrong.getContentType()).contains("problem+json");
		assertThat(confirm(bearer, "not-a-code").getStatus()).isEqualTo(400);
		assertThat(token(fixtures.usernameOf(user), Fixtures.PASSWORD, Map.of()).getStatus())
			.as("still off after wrong codes")
			.isEqualTo(200);

		assertThat(confirm(bearer, code(secret, step())).getStatus()).isEqualTo(204);
		assertThat(mvc.perform(post("/api/v1/my/two-factor/totp").header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).as("a second enrolment while on").isEqualTo(409);
		assertThat(mvc.perform(post("/api/v1/my/two-factor/totp")).andReturn().getResponse().getStatus())
			.as("not signed in")
			.isEqualTo(401);
	}

	@Test
	void theLoginFormAsksForTheCodeAfterARightPassword() throws Exception {
		UserId user = fixtures.user("Dr Form Factor");
		String username = fixtures.usernameOf(user);
		String secret = enable(user);

		assertThat(form(username, Fixtures.PASSWORD, null).getRedirectedUrl()).isEqualTo("/login?second-factor");
		assertThat(mvc.perform(get("/login").param("second-factor", "")).andReturn().getResponse().getContentAsString())
			.contains("Your account asks for a second factor")
			.contains("name=\"code\"");
		assertThat(form(username, "Wrong-pass-2", code(secret, step() + 1)).getRedirectedUrl())
			.isEqualTo("/login?error");
		assertThat(form(username, Fixtures.PASSWORD, wrongCode(secret)).getRedirectedUrl()).isEqualTo("/login?error");
		assertThat(form(username, Fixtures.PASSWORD, code(secret, step() + 1)).getRedirectedUrl())
			.isEqualTo("/explore");
	}

	@Test
	void theProfilePageSetsUpTheAppWithAQrCodeShownOnceAndMakesRecoveryCodes() throws Exception {
		UserId user = fixtures.user("Dr Page Factor");
		var signedIn = authentication(fixtures.signedIn(user));
		assertThat(page(get("/my/two-factor").with(signedIn))).contains("Two-factor sign-in is off");

		String setUp = page(post("/my/two-factor/totp").with(signedIn).with(csrf()));
		assertThat(setUp).contains("<svg").contains("id=\"totp-secret\"");
		String secret = setUp.replaceAll("(?s).*id=\"totp-secret\">([A-Z2-7]+)<.*", "$1");
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(page(get("/my/two-factor").with(signedIn))).as("the secret is shown once")
			.doesNotContain(secret)
			.doesNotContain("<svg");

		assertThat(mvc
			.perform(post("/my/two-factor/totp/confirm").param("code", wrongCode(secret)).with(signedIn).with(csrf()))
			.andReturn()
			.getFlashMap()
			.get("problem")).isEqualTo("twoFactor.wrongCode");
		assertThat(mvc
			.perform(
					post("/my/two-factor/totp/confirm").param("code", code(secret, step())).with(signedIn).with(csrf()))
			.andReturn()
			.getFlashMap()
			.get("notice")).isEqualTo("twoFactor.enabled");
		assertThat(page(get("/my/two-factor").with(signedIn))).contains("Two-factor sign-in is on");

		String codes = page(post("/my/two-factor/recovery-codes").with(signedIn).with(csrf()));
		assertThat(codes.split("<li><code>[A-Z2-9]{5}-[A-Z2-9]{5}</code></li>", -1)).hasSize(11);
		assertThat(page(get("/my/two-factor").with(signedIn))).contains("Unused recovery codes: 10")
			.doesNotContain("<li><code>");
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	@Test
	void aRememberedBrowserSkipsTheCodeForItsOwnerOnlyUntilItIsForgotten() throws Exception {
		UserId owner = fixtures.user("Dr Remembered Browser");
		UserId colleague = fixtures.user("Dr Curious Colleague");
		String username = fixtures.usernameOf(owner);
		String secret = enable(owner);
		enable(colleague);

		MockHttpServletResponse notTicked = form(username, Fixtures.PASSWORD, code(secret, step() + 1));
		assertThat(notTicked.getRedirectedUrl()).isEqualTo("/explore");
		assertThat(notTicked.getHeaders("Set-Cookie")).noneMatch(c -> c.startsWith("STUDYGATE_2FA_BROWSER"));
		// the step just used is made usable again, rather than waiting 30 seconds for the
		// next
		jdbc.sql("update directory.two_factor set last_step = last_step - 1 where user_id = :user")
			.param("user", owner.value())
			.update();
		MockHttpServletResponse ticked = mvc
			.perform(from(post("/login")).param("username", username)
				.param("password", Fixtures.PASSWORD)
				.param("code", code(secret, step() + 1))
				.param("remember", "true")
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(ticked.getRedirectedUrl()).isEqualTo("/explore");
		String header = ticked.getHeaders("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("STUDYGATE_2FA_BROWSER="))
			.findFirst()
			.orElseThrow();
		assertThat(header).contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/login", "Max-Age=2592000");
		String cookie = header.substring("STUDYGATE_2FA_BROWSER=".length(), header.indexOf(';'));

		assertThat(remembered(username, cookie).getRedirectedUrl()).as("no code asked in a remembered browser")
			.isEqualTo("/explore");
		assertThat(remembered(username, "x" + cookie).getRedirectedUrl()).as("tampered")
			.isEqualTo("/login?second-factor");
		assertThat(remembered(fixtures.usernameOf(colleague), cookie).getRedirectedUrl())
			.as("another user's remembered browser")
			.isEqualTo("/login?second-factor");
		assertThat(remembered(username, cookie.substring(0, cookie.lastIndexOf('.') + 1) + "forged").getRedirectedUrl())
			.as("a forged signature")
			.isEqualTo("/login?second-factor");
		assertThat(jdbc
			.sql("select count(*) from directory.remembered_browser where user_id = :user"
					+ " and position(convert_to(:c, 'UTF8') in secret_hash) > 0")
			.param("user", owner.value())
			.param("c", cookie.split("\\.")[1])
			.query(Long.class)
			.single()).as("the secret is stored hashed").isZero();

		assertThat(mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.delete("/api/v1/my/two-factor/remembered-browsers")
				.header("Authorization", fixtures.bearer(owner)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		assertThat(remembered(username, cookie).getRedirectedUrl()).as("forgotten").isEqualTo("/login?second-factor");
	}

	private MockHttpServletResponse remembered(String username, String cookie) throws Exception {
		return mvc
			.perform(from(post("/login")).param("username", username)
				.param("password", Fixtures.PASSWORD)
				.cookie(new jakarta.servlet.http.Cookie("STUDYGATE_2FA_BROWSER", cookie))
				.with(csrf()))
			.andReturn()
			.getResponse();
	}

	@Test
	void onlyTheServiceDeskTurnsAnotherUsersSecondFactorOffAndTheRefusalIsLogged() throws Exception {
		UserId user = fixtures.user("Dr Lost Everything");
		UserId colleague = fixtures.user("Dr Helpful Colleague");
		UserId desk = fixtures.serviceDesk("Desk Two Factor");
		String username = fixtures.usernameOf(user);
		enable(user);

		assertThat(mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.delete("/api/v1/admin/users/{id}/two-factor", user.value())
				.header("Authorization", fixtures.bearer(colleague)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(token(username, Fixtures.PASSWORD, Map.of()).getStatus()).as("still on").isEqualTo(401);
		assertThat(jdbc
			.sql("select count(*) from audit.entry where action = 'USER_TWO_FACTOR_RESET'"
					+ " and outcome = 'DENIED' and actor_id = :c and details->>'userId' = :u")
			.param("c", colleague.toString())
			.param("u", user.toString())
			.query(Long.class)
			.single()).isEqualTo(1);

		assertThat(mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.delete("/api/v1/admin/users/{id}/two-factor", user.value())
				.header("Authorization", fixtures.bearer(desk)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		assertThat(token(username, Fixtures.PASSWORD, Map.of()).getStatus()).as("password alone again").isEqualTo(200);
		assertThat(jdbc
			.sql("select count(*) from audit.entry where action = 'USER_TWO_FACTOR_RESET'"
					+ " and outcome = 'SUCCESS' and actor_id = :d and details->>'userId' = :u")
			.param("d", desk.toString())
			.param("u", user.toString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	/** Enrols and confirms an authenticator for the user; its secret. */
	private String enable(UserId user) throws Exception {
		String bearer = fixtures.bearer(user);
		String secret = read(mvc.perform(post("/api/v1/my/two-factor/totp").header("Authorization", bearer))
			.andReturn()
			.getResponse(), 200).get("secret").asString();
		assertThat(confirm(bearer, code(secret, step())).getStatus()).isEqualTo(204);
		return secret;
	}

	private MockHttpServletResponse confirm(String bearer, String code) throws Exception {
		return mvc
			.perform(post("/api/v1/my/two-factor/totp/confirm").header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("code", code))))
			.andReturn()
			.getResponse();
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

	private MockHttpServletResponse form(String username, String password, String code) throws Exception {
		MockHttpServletRequestBuilder request = from(post("/login")).param("username", username)
			.param("password", password)
			.with(csrf());
		if (code != null) {
			request = request.param("code", code);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	private MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request) {
		return request.with(r -> {
			r.setRemoteAddr(address);
			return r;
		});
	}

	private JsonNode read(MockHttpServletResponse response, int status) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
		return json.readTree(response.getContentAsString());
	}

	private List<String> outcomes(UserId user) {
		return jdbc.sql("select outcome from directory.login_attempt where user_id = :user")
			.param("user", user.value())
			.query(String.class)
			.list();
	}

	private static long step() {
		return Instant.now().getEpochSecond() / 30;
	}

	static String code(String secret, long step) throws Exception {
		return new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
				new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), Instant.ofEpochSecond(step * 30),
				Locale.ROOT);
	}

	/** A six-digit code that none of the steps around now accepts. */
	static String wrongCode(String secret) throws Exception {
		List<String> near = new ArrayList<>();
		for (long s = step() - 3; s <= step() + 3; s++) {
			near.add(code(secret, s));
		}
		for (int n = 0;; n++) {
			String candidate = String.format("%06d", n);
			if (!near.contains(candidate)) {
				return candidate;
			}
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
