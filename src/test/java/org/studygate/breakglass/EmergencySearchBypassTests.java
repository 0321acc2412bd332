package org.studygate.breakglass;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
import org.studygate.breakglass.UnlockExpiryAndNotificationTests.MovableClock;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The emergency-access search used as an oracle for patient ID and birth date: a user who
 * keeps guessing is refused with 429 after ten misses within the hour, even for a right
 * guess, until his misses have refilled (one every six minutes); an address that guesses
 * for several users is refused too; every miss is logged with the searched patient ID
 * (never the birth date), and the source admins of the department whose patient is probed
 * are mailed once per burst of misses (a real SMTP server, GreenMail).
 */
@StudygateTest
class EmergencySearchBypassTests {

	static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-10-05T08:00:00Z"));

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static final String THROTTLED = "https://studygate.org/problems/emergency-search-throttled";

	static final String SECURITY_MAILBOX = "security-office@hospital.example";

	static {
		smtp.start();
	}

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("studygate.break-glass.search.address-misses", () -> "15");
		registry.add("studygate.break-glass.alert-mail", () -> SECURITY_MAILBOX);
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
	Studies studies;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	Department department;

	UserId admin;

	UserId otherAdmin;

	UserId physician;

	StudyId study;

	String patientId;

	LocalDate birthDate;

	String address;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Oracle");
		admin = fixtures.sourceAdmin(department, "Oracle Admin");
		otherAdmin = fixtures.sourceAdmin(department, "Second Oracle Admin");
		physician = fixtures.physician("Dr Guesser", Fixtures.physicianNumber());
		study = fixtures.study(department, "Wouters^Els", LocalDate.of(2026, 9, 1), null);
		Study registered = studies.find(study).orElseThrow();
		patientId = registered.patient().patientId();
		birthDate = registered.patient().birthDate();
		address = freshAddress();
	}

	@Test
	void theEleventhMissWithinAnHourIsRefusedWith429AndTheRefusalIsLogged() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(search(physician, "NOBODY" + Fixtures.unique(), birthDate).getStatus()).isEqualTo(200);
		}
		String eleventh = "GUESS" + Fixtures.unique();

		MockHttpServletResponse refused = search(physician, eleventh, birthDate);

		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode problem = json.readTree(refused.getContentAsString());
		assertThat(problem.get("type").asString()).isEqualTo(THROTTLED);
		assertThat(problem.get("title").asString()).isEqualTo("Too many emergency searches");
		assertThat(problem.get("detail").asString()).contains("hour");
		assertThat(refused.getContentAsString()).doesNotContain(eleventh);
		Map<String, Object> entry = lastEntry(physician, "EMERGENCY_SEARCH_THROTTLED");
		assertThat(entry.get("outcome")).isEqualTo("DENIED");
		assertThat((String) entry.get("details")).contains(eleventh).doesNotContain(birthDate.toString());
	}

	@Test
	void eachMissIsLoggedWithTheSearchedPatientIdOnTheStudyItProbedButNeverWithTheBirthDate() throws Exception {
		LocalDate wrong = birthDate.minusDays(3);
		assertThat(json.readTree(search(physician, patientId, wrong).getContentAsString()).get("items")).isEmpty();

		Map<String, Object> searched = lastEntry(physician, "EMERGENCY_ACCESS_SEARCHED");
		assertThat((String) searched.get("details")).contains(patientId)
			.contains("\"matches\": \"0\"")
			.doesNotContain(wrong.toString())
			.doesNotContain(birthDate.toString());
		List<Map<String, Object>> onStudy = jdbc.sql(
				"select outcome, actor_id, details::text as details from audit.entry where study_id = :s and action = 'EMERGENCY_ACCESS_MISSED'")
			.param("s", study.value())
			.query()
			.listOfRows();
		assertThat(onStudy).as("the miss shows in the study's own log").hasSize(1);
		assertThat(onStudy.get(0).get("actor_id")).isEqualTo(physician.toString());
		assertThat((String) onStudy.get(0).get("details")).contains(patientId).doesNotContain(wrong.toString());
	}

	@Test
	void aThrottledUsersRightSearchIsRefusedTooUntilHisMissesHaveRefilled() throws Exception {
		for (int i = 0; i < 10; i++) {
			search(physician, patientId, birthDate.minusDays(i + 1));
		}

		assertThat(search(physician, patientId, birthDate).getStatus()).as("a right guess answers alike")
			.isEqualTo(429);
		assertThat(page(physician, patientId, birthDate).getContentAsString()).contains("Too many emergency searches")
			.doesNotContain("Wouters");
		CLOCK.move(Duration.ofMinutes(5));
		assertThat(search(physician, patientId, birthDate).getStatus()).isEqualTo(429);

		CLOCK.move(Duration.ofMinutes(56));
		MockHttpServletResponse later = search(physician, patientId, birthDate);
		assertThat(later.getStatus()).isEqualTo(200);
		assertThat(json.readTree(later.getContentAsString()).get("items")).hasSize(1);
	}

	@Test
	void evenRightSearchesAreLimitedPerUserSoThatKnownPatientsCannotBeHarvested() throws Exception {
		UserId harvester = fixtures.physician("Dr Harvester", Fixtures.physicianNumber());
		for (int i = 0; i < 30; i++) {
			assertThat(search(harvester, patientId, birthDate).getStatus()).isEqualTo(200);
		}

		assertThat(search(harvester, patientId, birthDate).getStatus()).isEqualTo(429);
		assertThat((String) lastEntry(harvester, "EMERGENCY_SEARCH_THROTTLED").get("details"))
			.contains("USER_SEARCHES");
	}

	@Test
	void missesFromOneAddressAreThrottledWhoeverSignedIn() throws Exception {
		for (int user = 0; user < 3; user++) {
			UserId guesser = fixtures.physician("Dr Shared Desk " + user, Fixtures.physicianNumber());
			for (int i = 0; i < 5; i++) {
				assertThat(search(guesser, "NOBODY" + Fixtures.unique(), birthDate).getStatus()).isEqualTo(200);
			}
		}
		UserId fresh = fixtures.physician("Dr Fresh", Fixtures.physicianNumber());

		assertThat(search(fresh, patientId, birthDate).getStatus()).isEqualTo(429);
		assertThat(lastEntry(fresh, "EMERGENCY_SEARCH_THROTTLED").get("outcome")).isEqualTo("DENIED");
		address = freshAddress();
		assertThat(search(fresh, patientId, birthDate).getStatus()).as("another address is not concerned")
			.isEqualTo(200);
	}

	@Test
	void theSourceAdminsOfTheProbedDepartmentAreMailedOnceForABurstOfMisses() throws Exception {
		Department elsewhere = fixtures.department("Radiology Not Probed");
		UserId elsewhereAdmin = fixtures.sourceAdmin(elsewhere, "Not Probed Admin");
		for (int i = 0; i < 4; i++) {
			search(physician, patientId, birthDate.minusDays(i + 1));
		}
		assertThat(mailsTo(fixtures.usernameOf(admin), 0)).as("four misses tell nobody").isEmpty();

		for (int i = 4; i < 10; i++) {
			search(physician, patientId, birthDate.minusDays(i + 1));
		}

		List<MimeMessage> first = mailsTo(fixtures.usernameOf(admin), 1);
		assertThat(first).hasSize(1);
		assertThat(mailsTo(fixtures.usernameOf(otherAdmin), 1)).hasSize(1);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(received(fixtures.usernameOf(admin))).as("once per burst, not per miss")
				.hasSize(1));
		assertThat(mailsTo(fixtures.usernameOf(elsewhereAdmin), 0)).isEmpty();
		String body = GreenMailUtil.getBody(first.get(0));
		assertThat(body).contains("Dr Guesser").contains(patientId).contains("Radiology Oracle");
		assertThat(body).doesNotContain(birthDate.toString()).doesNotContain("Wouters");
		assertThat(lastEntry(physician, "EMERGENCY_SEARCH_MISSES_REPORTED").get("outcome")).isEqualTo("FAILURE");
	}

	@Test
	void missesOnPatientsNobodyKnowsAreReportedToTheSecurityMailbox() throws Exception {
		UserId stranger = fixtures.physician("Dr Stranger Guesses", Fixtures.physicianNumber());
		for (int i = 0; i < 5; i++) {
			search(stranger, "NOBODY" + Fixtures.unique(), birthDate);
		}

		List<MimeMessage> mails = await().atMost(Duration.ofSeconds(60))
			.until(() -> Arrays.stream(smtp.getReceivedMessages())
				.filter(m -> recipient(m).equals(SECURITY_MAILBOX)
						&& GreenMailUtil.getBody(m).contains("Dr Stranger Guesses"))
				.toList(), found -> !found.isEmpty());
		assertThat(mails).hasSize(1);
	}

	MockHttpServletResponse search(UserId user, String patient, LocalDate birth) throws Exception {
		return mvc
			.perform(post("/api/v1/break-glass/search").header("Authorization", fixtures.bearer(user))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"patientId\":\"" + patient + "\",\"birthDate\":\"" + birth + "\"}")
				.with(from(address)))
			.andReturn()
			.getResponse();
	}

	MockHttpServletResponse page(UserId user, String patient, LocalDate birth) throws Exception {
		return mvc
			.perform(post("/break-glass/search").with(authentication(fixtures.signedIn(user)))
				.with(csrf())
				.param("patientId", patient)
				.param("birthDate", birth.toString())
				.with(from(address)))
			.andReturn()
			.getResponse();
	}

	Map<String, Object> lastEntry(UserId user, String action) {
		List<Map<String, Object>> rows = jdbc.sql(
				"select outcome, details::text as details from audit.entry where actor_id = :u and action = :a order by id desc")
			.param("u", user.toString())
			.param("a", action)
			.query()
			.listOfRows();
		assertThat(rows).as(action).isNotEmpty();
		return rows.get(0);
	}

	/**
	 * Waits for at least {@code expected} mails to the address (or, for none, that none
	 * comes for a second).
	 */
	List<MimeMessage> mailsTo(String address, int expected) {
		if (expected == 0) {
			return await("no mail to " + address).during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(5))
				.until(() -> received(address), List::isEmpty);
		}
		return await("mails to " + address).atMost(Duration.ofSeconds(60))
			.until(() -> received(address), mails -> mails.size() >= expected);
	}

	List<MimeMessage> received(String address) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(address)).toList();
	}

	static String freshAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
	}

	static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getRecipients(Message.RecipientType.TO)[0].toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
