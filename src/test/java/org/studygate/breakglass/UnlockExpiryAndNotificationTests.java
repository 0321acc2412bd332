package org.studygate.breakglass;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
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
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.explore.Explore;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An unlock ends by itself when the application's clock passes its expiry (the clock of
 * this context is moved, never the system's), its end is logged once as Emergency
 * Override Stopped; and the department's source admins are told by a real SMTP server
 * (GreenMail) after the unlock committed, in plain text with the reason as the user wrote
 * it.
 */
@StudygateTest
class UnlockExpiryAndNotificationTests {

	static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-11-20T09:00:00Z"));

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		smtp.start();
	}

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
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
	Fixtures fixtures;

	@Autowired
	BreakGlass breakGlass;

	@Autowired
	UnlockExpiry expiry;

	@Autowired
	AccessControl access;

	@Autowired
	org.studygate.access.Restrictions restrictions;

	@Autowired
	Explore explore;

	@Autowired
	Studies studies;

	@Autowired
	JdbcClient jdbc;

	Department department;

	UserId admin;

	UserId physician;

	StudyId study;

	@BeforeEach
	void setUp() {
		department = fixtures.department("Radiology Clock");
		admin = fixtures.sourceAdmin(department, "Clock Admin");
		physician = fixtures.physician("Dr Night Shift", Fixtures.physicianNumber());
		study = fixtures.study(department, "Maes^Lotte Anna", LocalDate.of(2026, 11, 1), null);
	}

	@Test
	void anUnlockStopsPermittingWhenTheClockPassesItsExpiryAndItsEndIsLoggedOnce() {
		Unlock unlock = unlock("Unconscious patient in the emergency room");
		Actor actor = fixtures.actor(physician);
		assertThat(access.decide(actor, studyNow(), Action.VIEW_IMAGES).isPermitted()).isTrue();
		assertThat(listed(actor)).contains(study);
		assertThat(breakGlass.unlockedUntil(actor, List.of(study)).get(study).toInstant())
			.isEqualTo(unlock.expiresAt());
		assertThat(breakGlass.unlockedUntil(actor, List.of(study)).get(study).getZone())
			.isEqualTo(ZoneId.of("Europe/Brussels"));

		CLOCK.move(Duration.ofHours(23).plusMinutes(59));
		assertThat(access.decide(actor, studyNow(), Action.VIEW_IMAGES).isPermitted()).isTrue();
		expiry.recordExpiries();
		assertThat(stopped()).isZero();

		CLOCK.move(Duration.ofMinutes(1));
		assertThat(access.decide(actor, studyNow(), Action.VIEW_IMAGES).isPermitted())
			.as("stops at the expiry itself, before any sweep")
			.isFalse();
		assertThat(listed(actor)).doesNotContain(study);
		assertThat(breakGlass.unlockedUntil(actor, List.of(study))).isEmpty();

		expiry.recordExpiries();
		expiry.recordExpiries();
		assertThat(stopped()).as("one Emergency Override Stopped per unlock").isEqualTo(1);
		String details = jdbc
			.sql("select details::text from audit.entry where study_id = :s and action = 'UNLOCK_EXPIRED'")
			.param("s", study.value())
			.query(String.class)
			.single();
		assertThat(details).contains("ETREAT").contains("Unconscious patient in the emergency room").contains("expiry");
		assertThat(breakGlass.ofStudy(study).get(0).state()).isEqualTo(Unlock.State.EXPIRED);
	}

	@Test
	void theDepartmentsSourceAdminsAreToldInPlainTextWithTheReasonAsWritten() throws Exception {
		department = fixtures.department("Radiology Mail Glass");
		admin = fixtures.sourceAdmin(department, "Mail Glass Admin");
		UserId otherAdmin = fixtures.sourceAdmin(department, "Second Mail Glass Admin");
		fixtures.sourceUser(department, "Mail Glass User");
		Department elsewhere = fixtures.department("Radiology Elsewhere");
		UserId elsewhereAdmin = fixtures.sourceAdmin(elsewhere, "Elsewhere Admin");
		study = fixtures.study(department, "Maes^Lotte Anna", LocalDate.of(2026, 11, 1), null);
		String payload = "<script>alert('x')</script><b>Trauma</b> patient, CT needed now";

		unlock(payload);

		List<String> ours = List.of(fixtures.usernameOf(admin), fixtures.usernameOf(otherAdmin));
		List<MimeMessage> mails = await().atMost(Duration.ofSeconds(60))
			.until(() -> java.util.Arrays.stream(smtp.getReceivedMessages())
				.filter(m -> GreenMailUtil.getBody(m).contains("Radiology Mail Glass")
						|| subject(m).contains("Radiology Mail Glass"))
				.toList(), found -> found.size() >= 2);
		assertThat(mails).hasSize(2);
		List<String> to = mails.stream().map(UnlockExpiryAndNotificationTests::recipient).toList();
		assertThat(to).containsExactlyInAnyOrderElementsOf(ours).doesNotContain(fixtures.usernameOf(elsewhereAdmin));
		MimeMessage mail = mails.get(0);
		assertThat(mail.getContentType()).startsWith("text/plain");
		String body = GreenMailUtil.getBody(mail);
		assertThat(body).contains("Dr Night Shift")
			.contains("ETREAT")
			.contains("L.A.M.")
			.contains("/break-glass/reviews");
		assertThat(body).contains(payload);
		assertThat(body).doesNotContain("Maes").doesNotContain("Lotte");
	}

	@Test
	void theMailSaysWhetherItWasAnEmergencyOrTheUnlockOfARestrictedStudy() throws Exception {
		department = fixtures.department("Radiology Mail Kinds");
		admin = fixtures.sourceAdmin(department, "Mail Kinds Admin");
		String number = Fixtures.physicianNumber();
		UserId requester = fixtures.physician("Dr Mail Kinds", number);
		StudyId restricted = fixtures.study(department, "Claes^Vera", LocalDate.of(2026, 11, 2), number);
		restrictions.restrict(fixtures.actor(admin), restricted, true, "Member of staff");
		breakGlass.unlock(fixtures.actor(requester), restricted, "TREAT", "Follow-up of my own patient's scan");
		study = fixtures.study(department, "Maes^Lotte Anna", LocalDate.of(2026, 11, 1), null);
		unlock("Trauma patient, CT needed now in the emergency room");

		List<MimeMessage> mails = await().atMost(Duration.ofSeconds(60))
			.until(() -> java.util.Arrays.stream(smtp.getReceivedMessages())
				.filter(m -> subject(m).contains("Radiology Mail Kinds"))
				.toList(), found -> found.size() >= 2);
		MimeMessage ofRestricted = mails.stream()
			.filter(m -> GreenMailUtil.getBody(m).contains("Dr Mail Kinds"))
			.findFirst()
			.orElseThrow();
		assertThat(subject(ofRestricted)).contains("restricted study").doesNotContain("break-the-glass");
		assertThat(GreenMailUtil.getBody(ofRestricted)).contains("unlocked a restricted study")
			.doesNotContain("broke the glass");
		MimeMessage ofEmergency = mails.stream()
			.filter(m -> GreenMailUtil.getBody(m).contains("Dr Night Shift"))
			.findFirst()
			.orElseThrow();
		assertThat(subject(ofEmergency)).contains("break-the-glass");
		assertThat(GreenMailUtil.getBody(ofEmergency)).contains("broke the glass");
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getRecipients(Message.RecipientType.TO)[0].toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Unlock unlock(String reason) {
		Actor actor = fixtures.actor(physician);
		Study registered = studyNow();
		assertThat(breakGlass.search(actor, registered.patient().patientId(), registered.patient().birthDate()))
			.hasSize(1);
		return breakGlass.unlock(actor, study, "ETREAT", reason);
	}

	private Study studyNow() {
		return studies.find(study).orElseThrow();
	}

	private List<StudyId> listed(Actor actor) {
		return explore.list(actor, StudyFilter.none(), null, 100, "API").items().stream().map(s -> s.id()).toList();
	}

	private long stopped() {
		return jdbc.sql("select count(*) from audit.entry where study_id = :s and action = 'UNLOCK_EXPIRED'")
			.param("s", study.value())
			.query(Long.class)
			.single();
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
