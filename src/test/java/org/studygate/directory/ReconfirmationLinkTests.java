package org.studygate.directory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The reminder's one-click link (decision 064): the mail (a real SMTP server, GreenMail)
 * carries a link that re-confirms its membership without signing in; opening it changes
 * nothing, the button does, once; a wrong, used or expired link, one of another practice
 * and one of a lapsed membership are refused on a friendly page, logged, and change
 * nothing.
 */
@StudygateTest
class ReconfirmationLinkTests {

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static final Pattern LINK = Pattern.compile("/reconfirm/([0-9a-f-]{36})/([A-Za-z0-9_-]{43})");

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
	JdbcClient jdbc;

	@Autowired
	Reconfirmations reconfirmations;

	@Autowired
	ReconfirmationLinks links;

	@Autowired
	Directory directory;

	@Autowired
	Clock clock;

	MockMvc mvc;

	UserId requester;

	UserId member;

	GroupId practice;

	GroupId otherPractice;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		requester = fixtures.physician("Dr Link Requester", Fixtures.physicianNumber());
		member = fixtures.physician("Dr Link Member", Fixtures.physicianNumber());
		practice = fixtures.practice("Practice Link", requester, member);
		otherPractice = fixtures.practice("Practice Link Other", requester, member);
	}

	@Test
	void theReminderMailsALinkThatReconfirmsWithOneClickWithoutSigningIn() throws Exception {
		Instant before = confirmedAgo(member, practice, Reconfirmations.LAPSE.minusDays(10));
		reconfirmations.remind(clock.instant());

		String body = await().atMost(Duration.ofSeconds(60))
			.until(() -> mailTo(fixtures.usernameOf(member)), b -> b != null);
		Matcher link = LINK.matcher(body);
		assertThat(link.find()).as(body).isTrue();
		assertThat(link.group(1)).isEqualTo(practice.toString());
		String token = link.group(2);
		assertThat(jdbc.sql("select count(*) from directory.reconfirmation_link where token_hash = :h")
			.param("h", ReconfirmationLinks.hash(token))
			.query(Integer.class)
			.single()).as("stored as its hash").isEqualTo(1);

		MockHttpServletResponse offer = mvc.perform(get(link.group())).andReturn().getResponse();
		assertThat(offer.getStatus()).isEqualTo(200);
		assertThat(offer.getContentAsString()).contains("id=\"reconfirm-form\"").contains("Practice Link");
		assertThat(confirmedAt(member, practice)).as("opening the link changes nothing").isEqualTo(before);

		MockHttpServletResponse done = mvc.perform(post(link.group()).with(csrf())).andReturn().getResponse();
		assertThat(done.getStatus()).isEqualTo(200);
		assertThat(done.getContentAsString()).contains("id=\"reconfirm-done\"");
		assertThat(confirmedAt(member, practice)).isAfter(before);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'MEMBERSHIP_CONFIRMED' and actor_id = :a
				  and outcome = 'SUCCESS' and details::text like '%reminder link%'
				""").param("a", member.toString()).query(Integer.class).single()).isEqualTo(1);

		Instant after = confirmedAt(member, practice);
		assertRefused(link.group(), "used once");
		assertThat(confirmedAt(member, practice)).isEqualTo(after);
	}

	@Test
	void aWrongTokenIsRefusedAndChangesNothing() throws Exception {
		Instant before = confirmedAgo(member, practice, Reconfirmations.LAPSE.minusDays(10));
		links.issue(member, practice).orElseThrow();
		String wrong = "A".repeat(43);

		assertRefused("/reconfirm/" + practice + "/" + wrong, "wrong token");
		assertRefused("/reconfirm/" + practice + "/short", "not a token");
		assertThat(confirmedAt(member, practice)).isEqualTo(before);
	}

	@Test
	void aTokenOfAnotherMembershipIsRefusedAndStaysUsableForItsOwn() throws Exception {
		Instant before = confirmedAgo(member, otherPractice, Reconfirmations.LAPSE.minusDays(10));
		confirmedAgo(member, practice, Reconfirmations.LAPSE.minusDays(10));
		String token = links.issue(member, practice).orElseThrow();

		assertRefused("/reconfirm/" + otherPractice + "/" + token, "another practice");
		assertThat(confirmedAt(member, otherPractice)).isEqualTo(before);
		assertThat(mvc.perform(get("/reconfirm/" + practice + "/" + token)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
	}

	@Test
	void aLinkOfALapsedMembershipIsRefusedAndTheMembershipStaysLapsed() throws Exception {
		Instant lapsed = confirmedAgo(member, practice, Reconfirmations.LAPSE.plusDays(1));
		String token = links.issue(member, practice).orElseThrow();

		assertRefused("/reconfirm/" + practice + "/" + token, "lapsed");
		assertThat(confirmedAt(member, practice)).isEqualTo(lapsed);
		assertThat(directory.actorOf(member).orElseThrow().groupIds()).doesNotContain(practice);
	}

	@Test
	void anExpiredLinkAndALinkOfAnEarlierConfirmationAreRefused() throws Exception {
		confirmedAgo(member, practice, Reconfirmations.LAPSE.minusDays(10));
		String expired = links.issue(member, practice).orElseThrow();
		jdbc.sql("update directory.reconfirmation_link set expires_at = :past where token_hash = :h")
			.param("past", Timestamp.from(clock.instant().minusSeconds(1)))
			.param("h", ReconfirmationLinks.hash(expired))
			.update();
		Instant before = confirmedAt(member, practice);
		assertRefused("/reconfirm/" + practice + "/" + expired, "expired");
		assertThat(confirmedAt(member, practice)).isEqualTo(before);

		String earlier = links.issue(member, practice).orElseThrow();
		reconfirmations.confirm(directory.actorOf(member).orElseThrow(), practice);
		Instant confirmed = confirmedAt(member, practice);
		assertRefused("/reconfirm/" + practice + "/" + earlier, "confirmed since");
		assertThat(confirmedAt(member, practice)).isEqualTo(confirmed);
	}

	private void assertRefused(String path, String why) throws Exception {
		int denials = denials();
		MockHttpServletResponse shown = mvc.perform(get(path)).andReturn().getResponse();
		assertThat(shown.getStatus()).as(why).isEqualTo(404);
		assertThat(shown.getContentAsString()).as(why).contains("id=\"reconfirm-refused\"").doesNotContain("<form");
		MockHttpServletResponse posted = mvc.perform(post(path).with(csrf())).andReturn().getResponse();
		assertThat(posted.getStatus()).as(why).isEqualTo(404);
		assertThat(posted.getContentAsString()).as(why)
			.contains("id=\"reconfirm-refused\"")
			.doesNotContain("Exception");
		assertThat(denials()).as(why + ": logged").isEqualTo(denials + 1);
	}

	private int denials() {
		return jdbc.sql("""
				select count(*) from audit.entry where action = 'MEMBERSHIP_CONFIRM_REFUSED' and outcome = 'DENIED'
				  and (details::text like :g or details::text like :o)
				""")
			.param("g", "%" + practice + "%")
			.param("o", "%" + otherPractice + "%")
			.query(Integer.class)
			.single();
	}

	private String mailTo(String address) throws MessagingException {
		for (MimeMessage m : smtp.getReceivedMessages()) {
			if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
				return GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
			}
		}
		return null;
	}

	private Instant confirmedAgo(UserId user, GroupId group, Period ago) {
		Instant at = clock.instant().atOffset(ZoneOffset.UTC).minus(ago).toInstant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("update directory.group_membership set confirmed_at = :at where group_id = :g and user_id = :u")
			.param("at", Timestamp.from(at))
			.param("g", group.value())
			.param("u", user.value())
			.update();
		return at;
	}

	private Instant confirmedAt(UserId user, GroupId group) {
		return jdbc.sql("select confirmed_at from directory.group_membership where group_id = :g and user_id = :u")
			.param("g", group.value())
			.param("u", user.value())
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

}
