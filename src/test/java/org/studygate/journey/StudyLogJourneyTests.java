package org.studygate.journey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.audit.AuditTrail;
import org.studygate.audit.LogFilter;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Study logging tab in a real browser: a source admin opens a study, finds his own
 * visit in its log, filters and downloads the CSV; a physician without the right is
 * refused, and the refusal is in the log.
 */
class StudyLogJourneyTests extends BrowserJourney {

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail trail;

	@Test
	void sourceAdminFindsHisOwnVisitInTheStudyLogFiltersAndDownloadsIt() throws Exception {
		Department department = fixtures.department("Radiology Log Journey");
		UserId admin = fixtures.sourceAdmin(department, "Greta Admin");
		StudyId study = fixtures.study(department, "Lambrecht^Sofie", LocalDate.of(2026, 4, 2), null);

		Page page = browser.newPage();
		logIn(page, fixtures.usernameOf(admin), Fixtures.PASSWORD);
		page.navigate(url("/studies/" + study.value()));
		page.locator("#tab-log").click();
		page.waitForURL("**/studies/" + study.value() + "/log");

		assertThat(page.locator("#tab-log").getAttribute("class")).contains("active");
		assertThat(page.locator("tr.log-row").count()).isGreaterThanOrEqualTo(2);
		assertThat(
				page.locator("tr.log-row", new Page.LocatorOptions().setHasText("Study opened")).first().textContent())
			.contains("Greta Admin");
		assertThat(page.locator("#chart svg rect.bar").count()).isGreaterThan(0);
		screenshot(page, "study-log-tab");

		// the action is picked by its name (decision 064)
		page.selectOption("#filter-action",
				new com.microsoft.playwright.options.SelectOption().setLabel("Study opened"));
		page.click("#filter-apply");
		page.waitForURL("**action=STUDY_OPENED**");
		assertThat(page.locator("tr.log-row td.action").allTextContents()).isNotEmpty().containsOnly("Study opened");

		Download download = page.waitForDownload(() -> page.click("#csv"));
		String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
		assertThat(download.suggestedFilename()).endsWith(".csv");
		assertThat(csv).startsWith("at,actorKind").contains("\"STUDY_OPENED\"", "\"Greta Admin\"");
		assertThat(csv).doesNotContain("\"STUDY_REGISTERED\"");
		page.context().close();
	}

	@Test
	void aPhysicianWithoutTheRightIsRefusedAndTheRefusalIsLogged() {
		Department department = fixtures.department("Radiology Log Refusal");
		String number = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Dr Vermeulen", number);
		StudyId his = fixtures.study(department, "Wouters^Kris", LocalDate.of(2026, 4, 3), number);
		StudyId notHis = fixtures.study(department, "Smets^Ilse", LocalDate.of(2026, 4, 4), null);

		Page page = browser.newPage();
		logIn(page, fixtures.usernameOf(physician), Fixtures.PASSWORD);
		page.navigate(url("/studies/" + his.value()));
		assertThat(page.locator("#tab-log").count()).isZero();

		Response forbidden = page.navigate(url("/studies/" + his.value() + "/log"));
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(page.content()).doesNotContain("Exception").doesNotContain("STUDY_OPENED");
		screenshot(page, "study-log-refused");
		Response notFound = page.navigate(url("/studies/" + notHis.value() + "/log"));
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(page.content()).doesNotContain("Smets");

		assertThat(trail.studyLog(his.value(), new LogFilter(null, null, null, "DENIED", null, null), null, 10).items())
			.singleElement()
			.satisfies(entry -> {
				assertThat(entry.action()).isEqualTo("READ_LOG");
				assertThat(entry.actorName()).isEqualTo("Dr Vermeulen");
				assertThat(entry.channel()).isEqualTo("EXPLORE");
				assertThat(entry.userAgent()).isNotBlank();
			});
		assertThat(
				trail.studyLog(notHis.value(), new LogFilter(null, null, null, "DENIED", null, null), null, 10).items())
			.singleElement()
			.satisfies(entry -> assertThat(entry.action()).isEqualTo("READ_LOG"));
		page.context().close();
	}

	private static void screenshot(Page page, String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
			.setFullPage(true));
	}

}
