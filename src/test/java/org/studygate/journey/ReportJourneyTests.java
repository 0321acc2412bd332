package org.studygate.journey;

import java.time.LocalDate;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.ris.RisMessagesForJourneys;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RIS sends an order and then the final report over MLLP; the requesting physician
 * opens the study and reads the report on the study page; the department's source admin
 * finds REPORT_READ by that physician on the Study logging tab.
 */
class ReportJourneyTests extends BrowserJourney {

	static final int HL7_PORT = RisMessagesForJourneys.freePort();

	@DynamicPropertySource
	static void listener(DynamicPropertyRegistry registry) {
		registry.add("studygate.hl7.port", () -> HL7_PORT);
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Studies studies;

	@Test
	void aReportArrivesAndThePhysicianReadsItOnTheStudyPage() {
		Department department = fixtures.department("Radiology Report Journey");
		UserId admin = fixtures.sourceAdmin(department, "Report Journey Admin");
		String number = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Dr Report Journey", number);
		StudyId study = fixtures.study(department, "Maes^Lotte", LocalDate.of(2026, 11, 20), number);
		String accession = studies.find(study).orElseThrow().accessionNumber();
		Map<String, String> values = RisMessagesForJourneys.report(department.code().value(), accession, "F",
				"No fracture. <script>alert(1)</script>");
		assertThat(RisMessagesForJourneys.send(HL7_PORT, "oru-r01.hl7", values)).isEqualTo("AA");

		BrowserContext physicianBrowser = browser.newPage().context();
		Page page = physicianBrowser.pages().get(0);
		logIn(page, fixtures.usernameOf(physician), Fixtures.PASSWORD);
		page.navigate(url("/studies/" + study.value()));
		assertThat(page.locator("#report-status").textContent()).isEqualTo("Final");
		assertThat(page.locator("#report-text").textContent()).contains("No fracture. <script>alert(1)</script>");
		assertThat(page.locator("#report-radiologist").textContent()).isEqualTo("Vermeulen, Els");
		assertThat(page.locator("#report-versions").count()).as("versions are for source admins").isZero();
		screenshot(page, "study-report");
		physicianBrowser.close();

		BrowserContext adminBrowser = browser.newPage().context();
		Page adminPage = adminBrowser.pages().get(0);
		logIn(adminPage, fixtures.usernameOf(admin), Fixtures.PASSWORD);
		adminPage.navigate(url("/studies/" + study.value() + "/log?action=REPORT_READ"));
		assertThat(adminPage.locator("tr.log-row", new Page.LocatorOptions().setHasText("Dr Report Journey")).count())
			.isEqualTo(1);
		screenshot(adminPage, "study-log-report-read");
		adminBrowser.close();
	}

	private static void screenshot(Page page, String name) {
		// every page a journey pictures is checked by axe-core first (decision 063)
		Accessibility.check(page);
		page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots", name + ".png"))
			.setFullPage(true));
	}

}
