package org.studygate.directory.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.servlet.http.Cookie;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.NewUser;
import org.studygate.directory.Password;
import org.studygate.directory.UserId;
import org.studygate.directory.setup.DirectorySetup;
import org.studygate.sms.SmsOutbox;
import org.studygate.sms.SmsPort;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Codes by e-mail or SMS as the second factor (decision 065), through a real SMTP server
 * (GreenMail) and the SMS outbox: a user chooses a channel and confirms the first code;
 * from then a right password sends a six-digit code that signs him in once, within five
 * minutes, and only for him. Wrong, reused, expired codes and another user's code are
 * refused and logged; five wrong codes lock the account; no code is stored in clear, in
 * the code table or in the event publication table.
 */
@StudygateTest
class TwoFactorCodeTests {

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");

	static {
		smtp.start();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@AfterAll
	static void stop() {
		smtp.stop();
	}

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DirectorySetup setup;

	@Autowired
	SmsPort sms;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	String address;

	@BeforeEach
	void setUp() {
		mvc = web.withRequestContext();
		address = "198.51." + (int) (Math.random() * 250) + "." + (int) (1 + Math.random() * 250);
	}

	@Test
	void codesByEmailSignInOnceWithinFiveMinutesAndOnlyTheirOwner() throws Exception {
		UserId user = fixtures.user("Dr Mail Code");
		UserId other = fixtures.user("Dr Other Mail Code");
		String username = fixtures.usernameOf(user);
		turnOn(user, "EMAIL", () -> mailedCode(fixtures.usernameOf(user), 0));
		turnOn(other, "EMAIL", () -> mailedCode(fixtures.usernameOf(other), 0));

		int mailed = mailsTo(username).size();
		MockHttpServletResponse asked = token(username, Fixtures.PASSWORD, null);
		assertThat(asked.getStatus()).isEqualTo(401);
		assertThat(asked.getContentAsString()).contains("second-factor-required");
		String code = mailedCode(username, mailed);
		assertCodeNotStoredInClear(user, code);

		int otherMailed = mailsTo(fixtures.usernameOf(other)).size();
		assertThat(token(fixtures.usernameOf(other), Fixtures.PASSWORD, null).getStatus()).isEqualTo(401);
		String otherCode = mailedCode(fixtures.usernameOf(other), otherMailed);
		if (!otherCode.equals(code)) {
			assertThat(token(username, Fixtures.PASSWORD, otherCode).getStatus()).as("another user's code")
				.isEqualTo(401);
		}
		assertThat(token(username, "Wrong-pass-1", code).getContentAsString()).as("a wrong password with the code")
			.doesNotContain("\"token\"");

		MockHttpServletResponse signedIn = token(username, Fixtures.PASSWORD, code);
		assertThat(signedIn.getStatus()).isEqualTo(200);
		assertThat(signedIn.getContentAsString()).contains("\"token\"");
		assertThat(token(username, Fixtures.PASSWORD, code).getStatus()).as("a code works once").isEqualTo(401);
		assertThat(outcomes(user)).contains("SECOND_FACTOR_REQUIRED", "BAD_SECOND_FACTOR", "SUCCESS");
	}

	@Test
	void anExpiredCodeIsRefused() throws Exception {
		UserId user = fixtures.user("Dr Late Code");
		String username = fixtures.usernameOf(user);
		turnOn(user, "EMAIL", () -> mailedCode(username, 0));
		int before = mailsTo(username).size();
		assertThat(token(username, Fixtures.PASSWORD, null).getStatus()).isEqualTo(401);
		String code = mailedCode(username, before);
		jdbc.sql("update directory.sign_in_code set expires_at = now() - interval '1 second' where user_id = :user")
			.param("user", user.value())
			.update();
		assertThat(token(username, Fixtures.PASSWORD, code).getStatus()).isEqualTo(401);
		assertThat(outcomes(user)).contains("BAD_SECOND_FACTOR").doesNotContain("SUCCESS");
	}

	@Test
	void codesBySmsAndFiveWrongOnesLockTheAccount() throws Exception {
		UserId user = setup
			.createUser(new NewUser(fixtures.username("Dr Sms Code"), "Dr Sms Code", new Password(Fixtures.PASSWORD),
					List.of(), null, "+3247" + (1000000 + (int) (Math.random() * 8999999)), "en", false, false));
		String mobile = jdbc.sql("select mobile from directory.user_account where id = :id")
			.param("id", user.value())
			.query(String.class)
			.single();
		String username = fixtures.usernameOf(user);
		turnOn(user, "SMS", () -> smsCode(mobile));

		assertThat(token(username, Fixtures.PASSWORD, null).getStatus()).isEqualTo(401);
		String code = smsCode(mobile);
		String wrong = code.equals("000000") ? "000001" : "000000";
		for (int i = 0; i < 5; i++) {
			assertThat(token(username, Fixtures.PASSWORD, wrong).getStatus()).isEqualTo(401);
		}
		assertThat(jdbc.sql("select locked_until > now() from directory.user_account where id = :id")
			.param("id", user.value())
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(token(username, Fixtures.PASSWORD, code).getStatus()).as("locked, even with the right code")
			.isEqualTo(401);
		assertThat(jdbc
			.sql("select count(*) from audit.entry where action = 'STAFF_LOGIN' and outcome = 'FAILURE'"
					+ " and details->>'result' = 'BAD_SECOND_FACTOR' and actor_id = :user")
			.param("user", user.toString())
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void aChannelWithoutAnAddressOrAnotherFactorOnIsRefusedAndChangesNothing() throws Exception {
		UserId user = setup.createUser(new NewUser(fixtures.username("Dr No Mobile"), "Dr No Mobile",
				new Password(Fixtures.PASSWORD), List.of(), null, null, "en", false, false));
		String bearer = fixtures.bearer(user);
		assertThat(choose(bearer, "SMS").getStatus()).as("no mobile number").isEqualTo(400);
		assertThat(choose(bearer, "PIGEON").getStatus()).isEqualTo(400);
		assertThat(confirm(bearer, "123456").getStatus()).as("nothing chosen").isEqualTo(409);
		assertThat(jdbc.sql("select count(*) from directory.two_factor where user_id = :user")
			.param("user", user.value())
			.query(Long.class)
			.single()).isZero();
		assertThat(mvc
			.perform(post("/api/v1/my/two-factor/code").contentType(MediaType.APPLICATION_JSON)
				.content("{\"channel\":\"EMAIL\"}"))
			.andReturn()
			.getResponse()
			.getStatus()).as("not signed in").isEqualTo(401);

		assertThat(choose(bearer, "EMAIL").getStatus()).isEqualTo(204);
		assertThat(confirm(bearer, "000000".equals(mailedCode(fixtures.usernameOf(user), 0)) ? "000001" : "000000")
			.getStatus()).as("a wrong first code").isEqualTo(400);
		assertThat(token(fixtures.usernameOf(user), Fixtures.PASSWORD, null).getStatus()).as("still off")
			.isEqualTo(200);
	}

	@Test
	void theProfilePageTurnsEmailCodesOnAndTheLoginFormTakesTheCodeSent() throws Exception {
		UserId user = fixtures.user("Dr Page Code");
		String username = fixtures.usernameOf(user);
		var signedIn = authentication(fixtures.signedIn(user));
		assertThat(mvc.perform(get("/my/two-factor").with(signedIn)).andReturn().getResponse().getContentAsString())
			.contains("id=\"send-code\"");

		var sent = mvc.perform(post("/my/two-factor/code").param("channel", "EMAIL").with(signedIn).with(csrf()))
			.andReturn()
			.getFlashMap();
		assertThat(sent.get("notice")).isEqualTo("twoFactor.codeSent");
		assertThat(mvc.perform(
				post("/my/two-factor/code/confirm").param("code", mailedCode(username, 0)).with(signedIn).with(csrf()))
			.andReturn()
			.getFlashMap()
			.get("notice")).isEqualTo("twoFactor.codesOn");

		int before = mailsTo(username).size();
		assertThat(form(username, null).getRedirectedUrl()).isEqualTo("/login?second-factor");
		String code = mailedCode(username, before);
		assertThat(form(username, code.equals("000000") ? "000001" : "000000").getRedirectedUrl())
			.isEqualTo("/login?error");
		assertThat(form(username, code).getRedirectedUrl()).isEqualTo("/explore");
		assertThat(form(username, code).getRedirectedUrl()).as("used").isEqualTo("/login?error");
	}

	@Test
	void aUserThePolicyCoversMayEnrolEmailCodesAtSignIn() throws Exception {
		Department strict = fixtures.department("Strict Mail Codes");
		UserId staff = fixtures.sourceUser(strict, "Tech Mail Enrolment");
		String username = fixtures.usernameOf(staff);
		jdbc.sql(
				"update department.department set settings = settings || '{\"twoFactorRequired\": true}' where id = :id")
			.param("id", strict.id().value())
			.update();
		MockMvc sessions = web.withSessions();

		MockHttpServletResponse login = sessions
			.perform(from(post("/login")).param("username", username).param("password", Fixtures.PASSWORD).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(login.getRedirectedUrl()).isEqualTo("/login/two-factor");
		Cookie session = login.getCookie("STUDYGATE_SESSION");
		assertThat(sessions
			.perform(from(post("/login/two-factor/code")).cookie(session).param("channel", "SMS").with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString()).as("no mobile number on file").contains("No code can be sent that way");
		String sent = sessions
			.perform(from(post("/login/two-factor/code")).cookie(session).param("channel", "EMAIL").with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(sent).contains("id=\"code-sent\"");
		String code = mailedCode(username, 0);
		assertCodeNotStoredInClear(staff, code);

		String wrong = sessions
			.perform(from(post("/login/two-factor/confirm")).cookie(session)
				.param("code", code.equals("000000") ? "000001" : "000000")
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(wrong).contains("role=\"alert\"");
		assertThat(sessions.perform(get("/explore").cookie(session)).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");

		MockHttpServletResponse confirmed = sessions
			.perform(from(post("/login/two-factor/confirm")).cookie(session).param("code", code).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(confirmed.getRedirectedUrl()).isEqualTo("/my/two-factor?enrolled");
		Cookie signedIn = confirmed.getCookie("STUDYGATE_SESSION");
		assertThat(sessions.perform(get("/explore").cookie(signedIn)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		assertThat(jdbc.sql("select method from directory.two_factor where user_id = :user and enabled_at is not null")
			.param("user", staff.value())
			.query(String.class)
			.single()).isEqualTo("EMAIL");
		assertThat(outcomes(staff)).contains("ENROLMENT_REQUIRED", "BAD_SECOND_FACTOR", "SUCCESS");
	}

	@Test
	void codesAreSentAtMostOnceAMinuteAndAnotherSentCodeTurnsThemOff() throws Exception {
		UserId user = fixtures.user("Dr Code Off");
		String username = fixtures.usernameOf(user);
		String bearer = fixtures.bearer(user);
		turnOn(user, "EMAIL", () -> mailedCode(username, 0));
		assertThat(choose(bearer, "SMS").getStatus()).as("no mobile number on file").isEqualTo(400);

		int before = mailsTo(username).size();
		assertThat(token(username, Fixtures.PASSWORD, null).getStatus()).isEqualTo(401);
		String code = mailedCode(username, before);
		assertThat(token(username, Fixtures.PASSWORD, null).getStatus()).isEqualTo(401);
		assertThat(mailsTo(username)).as("no second code within a minute").hasSize(before + 1);

		assertThat(mvc
			.perform(from(post("/api/v1/my/two-factor/off")).header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("password", Fixtures.PASSWORD, "code", code))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		assertThat(token(username, Fixtures.PASSWORD, null).getStatus()).as("off: the password alone").isEqualTo(200);
	}

	private MockHttpServletResponse form(String username, String code) throws Exception {
		MockHttpServletRequestBuilder request = from(post("/login")).param("username", username)
			.param("password", Fixtures.PASSWORD)
			.with(csrf());
		if (code != null) {
			request = request.param("code", code);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	private void turnOn(UserId user, String channel, java.util.concurrent.Callable<String> received) throws Exception {
		String bearer = fixtures.bearer(user);
		assertThat(choose(bearer, channel).getStatus()).isEqualTo(204);
		assertThat(confirm(bearer, received.call()).getStatus()).isEqualTo(204);
		assertThat(jdbc
			.sql("select count(*) from audit.entry where action = 'USER_TWO_FACTOR_ENABLED'"
					+ " and details->>'userId' = :user and details->>'method' = :method")
			.param("user", user.toString())
			.param("method", channel)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private void assertCodeNotStoredInClear(UserId user, String code) {
		assertThat(jdbc.sql("select count(*) from directory.sign_in_code where user_id = :user")
			.param("user", user.value())
			.query(Long.class)
			.single()).as("the code's hash is kept").isEqualTo(1);
		assertThat(jdbc
			.sql("select count(*) from directory.sign_in_code where user_id = :user"
					+ " and position(convert_to(:c, 'UTF8') in code_hash) > 0")
			.param("user", user.value())
			.param("c", code)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc
			.sql("select count(*) from event_publication where serialized_event like :user"
					+ " and serialized_event like :c")
			.param("user", "%" + user + "%")
			.param("c", "%" + code + "%")
			.query(Long.class)
			.single()).as("no event about the user carries the code").isZero();
	}

	private MockHttpServletResponse choose(String bearer, String channel) throws Exception {
		return mvc
			.perform(from(post("/api/v1/my/two-factor/code")).header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("channel", channel))))
			.andReturn()
			.getResponse();
	}

	private MockHttpServletResponse confirm(String bearer, String code) throws Exception {
		return mvc
			.perform(from(post("/api/v1/my/two-factor/code/confirm")).header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("code", code))))
			.andReturn()
			.getResponse();
	}

	private MockHttpServletResponse token(String username, String password, String code) throws Exception {
		Map<String, String> body = new HashMap<>();
		body.put("username", username);
		body.put("password", password);
		if (code != null) {
			body.put("code", code);
		}
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

	/** The code of the newest mail to the address, once more than {@code before} came. */
	private String mailedCode(String to, int before) {
		List<MimeMessage> mails = await().atMost(Duration.ofSeconds(60))
			.until(() -> mailsTo(to), m -> m.size() > before);
		return code(mails.get(mails.size() - 1));
	}

	private static List<MimeMessage> mailsTo(String to) throws Exception {
		List<MimeMessage> found = new java.util.ArrayList<>();
		for (MimeMessage m : smtp.getReceivedMessages()) {
			if (m.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(to)) {
				found.add(m);
			}
		}
		return found;
	}

	private static String code(MimeMessage mail) {
		Matcher matcher = SIX_DIGITS.matcher(GreenMailUtil.getBody(mail));
		assertThat(matcher.find()).as("a six-digit code in the mail").isTrue();
		return matcher.group(1);
	}

	private String smsCode(String mobile) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> ((SmsOutbox) sms).recent()
				.stream()
				.filter(s -> s.message().to().equals(mobile))
				.reduce((a, b) -> b)
				.map(s -> {
					Matcher matcher = SIX_DIGITS.matcher(s.message().text());
					return matcher.find() ? matcher.group(1) : null;
				})
				.orElse(null), c -> c != null);
	}

}
