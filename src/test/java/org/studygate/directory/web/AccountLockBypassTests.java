package org.studygate.directory.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A stranger who knows a username tries to shut its owner out: five wrong passwords lock
 * the account only for a while (15 minutes, doubling per further lock up to a day), the
 * owner is mailed, the service desk's own account comes back by itself, the service desk
 * unlocks at once, and one address that keeps failing is throttled (429) and logged. The
 * clock of this context is moved, never the system's; the throttle runs with the
 * production numbers.
 */
@StudygateTest
class AccountLockBypassTests {

	static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static final AtomicInteger addresses = new AtomicInteger();

	static {
		smtp.start();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("studygate.staff-login.client-failures", () -> "20");
		registry.add("studygate.staff-login.client-window", () -> "PT10M");
	}

	@AfterAll
	static void stop() {
		smtp.stop();
	}

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	/**
	 * The stranger's address, new for each test so that the throttle of one test does not
	 * reach another.
	 */
	String stranger;

	@BeforeEach
	void setUp() {
		// the request filter binds the client address for the access log, as in the
		// running application
		mvc = web.withRequestContext();
		stranger = address();
	}

	@Test
	void aStrangersFiveWrongPasswordsLockTheAccountForFifteenMinutesOnly() throws Exception {
		UserId owner = fixtures.user("Dr Open Door");
		String username = fixtures.usernameOf(owner);

		guessFiveTimes(username);

		MockHttpServletResponse refused = token(username, Fixtures.PASSWORD, address());
		assertThat(refused.getStatus()).isEqualTo(401);
		assertThat(refused.getContentAsString()).isEqualTo(
				token("nobody." + Fixtures.unique() + "@test.example", "Wrong-pass-1", address()).getContentAsString());
		CLOCK.move(Duration.ofMinutes(14));
		assertThat(token(username, Fixtures.PASSWORD, address()).getStatus()).isEqualTo(401);
		CLOCK.move(Duration.ofMinutes(1));
		assertThat(token(username, Fixtures.PASSWORD, address()).getStatus()).isEqualTo(200);

		String details = jdbc.sql("""
				select details::text from audit.entry where action = 'USER_LOCKED' and details->>'userId' = :user
				  and actor_kind = 'SYSTEM'
				""").param("user", owner.toString()).query(String.class).single();
		assertThat(details).contains("ADMINISTRATION").contains("failures").contains("lockedUntil");
	}

	@Test
	void eachFurtherLockDoublesUpToADayAndASuccessStartsAgainAtFifteenMinutes() throws Exception {
		UserId owner = fixtures.user("Dr Patient Target");
		String username = fixtures.usernameOf(owner);
		List<Long> minutes = new java.util.ArrayList<>();

		for (int lock = 0; lock < 9; lock++) {
			Instant before = CLOCK.instant();
			guessFiveTimes(username);
			Instant until = lockedUntil(owner);
			minutes.add(Duration.between(before, until).toMinutes());
			CLOCK.move(Duration.between(before, until));
		}
		assertThat(minutes).containsExactly(15L, 30L, 60L, 120L, 240L, 480L, 960L, 1440L, 1440L);

		assertThat(token(username, Fixtures.PASSWORD, address()).getStatus()).isEqualTo(200);
		Instant before = CLOCK.instant();
		guessFiveTimes(username);
		assertThat(Duration.between(before, lockedUntil(owner))).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void theOwnerIsMailedWhenHisAccountIsLocked() throws Exception {
		UserId owner = fixtures.user("Dr Mail Lock");
		String username = fixtures.usernameOf(owner);

		guessFiveTimes(username);

		List<MimeMessage> mails = await().atMost(Duration.ofSeconds(60))
			.until(() -> Arrays.stream(smtp.getReceivedMessages()).filter(m -> username.equals(recipient(m))).toList(),
					found -> !found.isEmpty());
		assertThat(mails).hasSize(1);
		String body = GreenMailUtil.getBody(mails.get(0));
		assertThat(body).contains("Dr Mail Lock").contains("15").contains(stranger).doesNotContain("Wrong-pass");
	}

	@Test
	void theServiceDesksAccountCannotBeLockedForGood() throws Exception {
		UserId desk = fixtures.serviceDesk("Desk Under Attack");
		String username = fixtures.usernameOf(desk);

		for (int round = 0; round < 3; round++) {
			guessFiveTimes(username);
			assertThat(token(username, Fixtures.PASSWORD, address()).getStatus()).isEqualTo(401);
			CLOCK.move(Duration.between(CLOCK.instant(), lockedUntil(desk)));
		}

		String bearer = bearerOf(username);
		assertThat(mvc.perform(get("/api/v1/admin/users/{id}", desk.value()).header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void theServiceDeskUnlocksAtOnceAndTheUnlockIsLogged() throws Exception {
		UserId owner = fixtures.user("Dr Quick Unlock");
		String username = fixtures.usernameOf(owner);
		UserId desk = fixtures.serviceDesk("Desk Quick Unlock");
		guessFiveTimes(username);

		String shown = mvc
			.perform(get("/api/v1/admin/users/{id}", owner.value()).header("Authorization", fixtures.bearer(desk)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(shown).contains("\"lockedUntil\":\"").contains("\"locked\":true");
		assertThat(mvc.perform(
				post("/api/v1/admin/users/{id}/unlock", owner.value()).header("Authorization", fixtures.bearer(desk)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);

		assertThat(token(username, Fixtures.PASSWORD, address()).getStatus()).isEqualTo(200);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'USER_UNLOCKED' and actor_id = :desk
				  and details->>'userId' = :user and details->>'category' = 'ADMINISTRATION'
				""").param("desk", desk.toString()).param("user", owner.toString()).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void theServiceDesksUserListShowsUntilWhenAnAccountIsLockedAndUnlocksItFromThere() throws Exception {
		UserId owner = fixtures.user("Dr Listed Lock");
		String username = fixtures.usernameOf(owner);
		UserId desk = fixtures.serviceDesk("Desk Listed Lock");
		guessFiveTimes(username);

		String page = mvc
			.perform(get("/admin/users").param("q", username).with(authentication(fixtures.signedIn(desk))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page)
			.contains("Locked until " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
				.withZone(ZoneOffset.UTC)
				.format(lockedUntil(owner)))
			.contains("class=\"unlock\"");

		MockHttpServletResponse unlocked = mvc
			.perform(post("/admin/users/{id}/unlock", owner.value()).with(authentication(fixtures.signedIn(desk)))
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(unlocked.getStatus()).isEqualTo(302);
		assertThat(token(username, Fixtures.PASSWORD, address()).getStatus()).isEqualTo(200);
	}

	@Test
	void aDeliberateLockByTheServiceDeskHoldsUntilTheDeskUnlocks() throws Exception {
		UserId owner = fixtures.user("Dr Left Hospital");
		String username = fixtures.usernameOf(owner);
		UserId desk = fixtures.serviceDesk("Desk Deliberate");

		assertThat(mvc
			.perform(post("/api/v1/admin/users/{id}/lock", desk.value()).header("Authorization", fixtures.bearer(desk)))
			.andReturn()
			.getResponse()
			.getStatus()).as("the desk does not lock itself out").isEqualTo(409);
		assertThat(mvc
			.perform(
					post("/api/v1/admin/users/{id}/lock", owner.value()).header("Authorization", fixtures.bearer(desk)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		CLOCK.move(Duration.ofDays(2));

		assertThat(token(username, Fixtures.PASSWORD, address()).getStatus()).isEqualTo(401);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'USER_LOCKED' and actor_id = :desk
				  and details->>'userId' = :user and details->>'by' = 'service desk'
				""").param("desk", desk.toString()).param("user", owner.toString()).query(Long.class).single())
			.isEqualTo(1);
		mvc.perform(
				post("/api/v1/admin/users/{id}/unlock", owner.value()).header("Authorization", fixtures.bearer(desk)));
		assertThat(token(username, Fixtures.PASSWORD, address()).getStatus()).isEqualTo(200);
	}

	@Test
	void oneAddressThatKeepsFailingIsThrottledWith429AndLogged() throws Exception {
		String username = fixtures.usernameOf(fixtures.user("Dr Shared Terminal"));

		for (int i = 0; i < 20; i++) {
			assertThat(token("guess." + i + "." + Fixtures.unique() + "@test.example", "Wrong-pass-1", stranger)
				.getStatus()).isEqualTo(401);
		}
		MockHttpServletResponse throttled = token(username, Fixtures.PASSWORD, stranger);

		assertThat(throttled.getStatus()).isEqualTo(429);
		assertThat(throttled.getContentType()).isEqualTo("application/problem+json");
		Map<String, Object> problem = json.readValue(throttled.getContentAsString(),
				new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
				});
		assertThat(problem).containsEntry("status", 429);
		MockHttpServletResponse form = formLogin(username, Fixtures.PASSWORD, stranger);
		assertThat(form.getRedirectedUrl()).isEqualTo("/login?throttled");
		assertThat(mvc.perform(get("/login").param("throttled", "")).andReturn().getResponse().getContentAsString())
			.contains("Too many login attempts from your address. Please try again later.");
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'STAFF_LOGIN' and outcome = 'FAILURE'
				  and details->>'result' = 'THROTTLED' and client_ip = :ip
				""").param("ip", stranger).query(Long.class).single()).isEqualTo(2);
		assertThat(token(username, Fixtures.PASSWORD, address()).getStatus()).as("another address is not throttled")
			.isEqualTo(200);
	}

	/**
	 * Five wrong passwords from a new address of the stranger's, through the API and the
	 * form.
	 */
	private void guessFiveTimes(String username) throws Exception {
		stranger = address();
		for (int i = 0; i < 5; i++) {
			MockHttpServletResponse response = i % 2 == 0 ? token(username, "Wrong-pass-" + i, stranger)
					: formLogin(username, "Wrong-pass-" + i, stranger);
			assertThat(response.getStatus()).isIn(401, 302);
		}
	}

	private Instant lockedUntil(UserId user) {
		return jdbc.sql("select locked_until from directory.user_account where id = :id")
			.param("id", user.value())
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
	}

	private String bearerOf(String username) throws Exception {
		MockHttpServletResponse response = token(username, Fixtures.PASSWORD, address());
		assertThat(response.getStatus()).isEqualTo(200);
		return "Bearer " + json.readTree(response.getContentAsString()).get("token").asString();
	}

	private MockHttpServletResponse token(String username, String password, String from) throws Exception {
		return mvc
			.perform(from(post("/api/v1/auth/token"), from).contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("username", username, "password", password))))
			.andReturn()
			.getResponse();
	}

	private MockHttpServletResponse formLogin(String username, String password, String from) throws Exception {
		return mvc
			.perform(from(post("/login"), from).param("username", username).param("password", password).with(csrf()))
			.andReturn()
			.getResponse();
	}

	private static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request, String address) {
		return request.with(r -> {
			r.setRemoteAddr(address);
			return r;
		});
	}

	private static String address() {
		int n = addresses.incrementAndGet() + (int) (Math.random() * 1000) * 256;
		return "198.18." + ((n >> 8) % 250) + "." + (n % 250 + 1);
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getRecipients(Message.RecipientType.TO)[0].toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A clock that tests move forward. */
	static final class MovableClock extends Clock {

		private final AtomicReference<Instant> now;

		MovableClock(Instant start) {
			this.now = new AtomicReference<>(start);
		}

		void move(Duration by) {
			now.updateAndGet(i -> i.plus(by));
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return Clock.fixed(now.get(), zone);
		}

		@Override
		public Instant instant() {
			return now.get();
		}

	}

}
