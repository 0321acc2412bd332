package org.studygate.journey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.UserId;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.PatientFixtures;
import org.studygate.sms.SmsOutbox;
import org.studygate.sms.SmsPort;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A patient signs in on his department's branded page with each verification the
 * department can choose (birth date only, OTP by SMS, OTP by e-mail, payment then
 * pincode), sees his study with the notice that the view is not for diagnosis, and
 * nothing else; and a source admin reveals and regenerates codes on the Access tab. No
 * code, OTP or pincode appears in any log line, and codes appear in page sources only
 * where they are revealed on purpose.
 */
class PatientJourneyTests extends BrowserJourney {

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");

	@BeforeAll
	static void startMail() {
		smtp.start();
	}

	@AfterAll
	static void stopMail() {
		smtp.stop();
	}

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	SmsPort sms;

	@Autowired
	JdbcClient jdbc;

	final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	final List<String> secrets = new ArrayList<>();

	Level requestLevel;

	@BeforeEach
	void captureLogs() {
		logs.start();
		root().addAppender(logs);
		Logger requests = (Logger) LoggerFactory.getLogger("org.studygate.request");
		requestLevel = requests.getLevel();
		requests.setLevel(Level.INFO);
		((Logger) LoggerFactory.getLogger("org.studygate")).setLevel(Level.DEBUG);
	}

	@AfterEach
	void noSecretInAnyLogLine() {
		root().detachAppender(logs);
		((Logger) LoggerFactory.getLogger("org.studygate.request")).setLevel(requestLevel);
		((Logger) LoggerFactory.getLogger("org.studygate")).setLevel(null);
		assertThat(logs.list).as("log lines captured").isNotEmpty();
		for (ILoggingEvent event : logs.list) {
			String line = event.getFormattedMessage() + " "
					+ (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
			for (String secret : secrets) {
				assertThat(line).as("a log line").doesNotContain(secret);
			}
		}
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	private Department department(Verification verification) {
		Department department = fixtures.department("Radiology " + verification.name().replace('_', ' '));
		patients.policy(department, PatientFixtures.verification(verification));
		return department;
	}

	private IssuedCode code(StudyId study) {
		IssuedCode code = patients.code(study);
		secrets.add(code.code());
		return code;
	}

	/** Signs in on the department's branded page up to the second step. */
	private Page signIn(Department department, IssuedCode code) {
		Page page = browser.newPage();
		page.navigate(url("/patient/" + department.code().value()));
		assertThat(page.locator("#patient-heading").textContent()).isEqualTo(department.name());
		page.fill("#reference-number", code.code());
		page.fill("#birth-date", PatientFixtures.BIRTH_DATE.toString());
		page.click("#patient-submit");
		return page;
	}

	private void seesOnlyHisStudy(Page page, IssuedCode code, StudyId study) {
		page.waitForURL("**/patient/studies");
		assertThat(page.locator("#not-for-diagnosis").isVisible()).isTrue();
		assertThat(page.locator("tr.patient-study").count()).isEqualTo(1);
		assertThat(page.content()).doesNotContain(code.code());
		page.locator("tr.patient-study a").click();
		page.waitForURL("**/patient/studies/" + study);
		assertThat(page.locator("#series-count").textContent()).contains("3");
		assertThat(page.locator("#not-for-diagnosis").isVisible()).isTrue();
		assertThat(page.content()).doesNotContain(code.code());
		assertThat(page.navigate(url("/explore")).status()).isEqualTo(403);
		assertThat(page.locator("#studies").count()).isEqualTo(0);
		assertThat(page.navigate(url("/patient/studies")).status()).isEqualTo(200);
	}

	@Test
	void aPatientSignsInWithHisBirthDateOnly() {
		Department department = department(Verification.DOB_ONLY);
		StudyId study = patients.study(department, 3);
		IssuedCode code = code(study);
		Page page = signIn(department, code);
		screenshot(page, "patient-studies");
		seesOnlyHisStudy(page, code, study);
		page.context().close();
	}

	@Test
	void aPatientSignsInWithAOneTimePasswordSentBySms() {
		Department department = department(Verification.OTP_SMS);
		StudyId study = patients.study(department, 3);
		IssuedCode code = code(study);
		Page page = signIn(department, code);
		page.waitForURL("**/patient/otp");
		assertThat(page.locator("#destination").textContent()).contains("56").doesNotContain("+32470123456");
		page.fill("#otp", "000000".equals(lastSms()) ? "111111" : "000000");
		page.click("#otp-submit");
		assertThat(page.locator("#patient-problem").isVisible()).isTrue();
		String otp = lastSms();
		secrets.add(otp);
		page.fill("#otp", otp);
		page.click("#otp-submit");
		seesOnlyHisStudy(page, code, study);
		page.context().close();
	}

	@Test
	void aPatientSignsInWithAOneTimePasswordSentByEmail() throws Exception {
		Department department = department(Verification.OTP_EMAIL);
		StudyId study = patients.study(department, 3);
		IssuedCode code = code(study);
		smtp.purgeEmailFromAllMailboxes();
		Page page = signIn(department, code);
		page.waitForURL("**/patient/otp");
		assertThat(page.locator("#destination").textContent()).contains("@example.org").doesNotContain("an.peeters");
		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		Matcher otp = SIX_DIGITS.matcher(GreenMailUtil.getBody(smtp.getReceivedMessages()[0]));
		assertThat(otp.find()).isTrue();
		secrets.add(otp.group(1));
		page.fill("#otp", otp.group(1));
		page.click("#otp-submit");
		seesOnlyHisStudy(page, code, study);
		page.context().close();
	}

	@Test
	void aPatientPaysThenSignsInWithThePincodeSentBySmsAndTheAdminSeesItMasked() {
		Department department = department(Verification.PAYMENT_PINCODE);
		UserId admin = fixtures.sourceAdmin(department, "Admin Payment");
		StudyId study = patients.study(department, 3);
		jdbc.sql("update study.study set payment_required = true where id = :id").param("id", study.value()).update();
		IssuedCode code = code(study);
		Page page = signIn(department, code);
		page.waitForURL("**/patient/pay");
		assertThat(page.locator("#destination").textContent()).contains("56");
		page.click("#pay-submit");
		page.waitForURL("**/patient/pincode");
		String pincode = lastSms();
		secrets.add(pincode);
		page.fill("#pincode", pincode.equals("123456") ? "654321" : "123456");
		page.click("#pincode-submit");
		assertThat(page.locator("#patient-problem").isVisible()).isTrue();
		page.fill("#pincode", pincode);
		page.click("#pincode-submit");
		seesOnlyHisStudy(page, code, study);
		page.context().close();

		Page adminPage = browser.newPage();
		logIn(adminPage, fixtures.usernameOf(admin), Fixtures.PASSWORD);
		adminPage.navigate(url("/studies/" + study + "/access"));
		var row = adminPage.locator("tr.reference-number");
		assertThat(row.locator("td.failed-pincodes").textContent()).isEqualTo("1");
		assertThat(adminPage.content()).doesNotContain(code.code()).doesNotContain(pincode);
		screenshot(adminPage, "reference-numbers-section");
		row.locator("button.reveal-pincode").click();
		assertThat(adminPage.locator("#codes").textContent()).contains(pincode);
		adminPage.context().close();
	}

	@Test
	void aSourceAdminRevealsACodeOnPurposeAndRegeneratesThemAfterConfirming() {
		Department department = department(Verification.DOB_ONLY);
		UserId admin = fixtures.sourceAdmin(department, "Admin Regenerate");
		StudyId study = patients.study(department, 3);
		IssuedCode code = code(study);
		patients.policy(department, new ReferenceNumberPolicy(null, null, null, Verification.DOB_ONLY, null, null, null,
				ReferenceNumberPolicy.Generation.PER_STUDY));
		Page page = browser.newPage();
		logIn(page, fixtures.usernameOf(admin), Fixtures.PASSWORD);
		page.navigate(url("/studies/" + study + "/access"));
		assertThat(page.content()).doesNotContain(code.code());
		page.locator("tr.reference-number button.reveal").click();
		assertThat(page.locator("#codes").textContent()).contains(code.code());
		page.navigate(url("/studies/" + study + "/access"));
		page.click("#regenerate");
		assertThat(page.locator("#question").isVisible()).isTrue();
		page.click("#confirm");
		String fresh = page.locator("#codes code").first().textContent();
		secrets.add(fresh);
		assertThat(fresh).hasSize(10).isNotEqualTo(code.code());
		screenshot(page, "reference-numbers-regenerated");
		page.navigate(url("/studies/" + study + "/access"));
		assertThat(page.locator("tr.reference-number").count()).isEqualTo(2);
		assertThat(page.content()).doesNotContain(fresh).doesNotContain(code.code());
		page.context().close();
	}

	private String lastSms() {
		List<SmsOutbox.Sent> sent = ((SmsOutbox) sms).recent();
		if (sent.isEmpty()) {
			return "";
		}
		Matcher digits = SIX_DIGITS.matcher(sent.get(0).message().text());
		return digits.find() ? digits.group(1) : "";
	}

	private static void screenshot(Page page, String name) {
		// every page a journey pictures is checked by axe-core first (decision 063)
		Accessibility.check(page);
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
			.setFullPage(true));
	}

}
