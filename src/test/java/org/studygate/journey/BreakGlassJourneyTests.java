package org.studygate.journey;

import java.nio.file.Path;
import java.time.LocalDate;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A physician without access breaks the glass from "Emergency access": the exact patient
 * ID and birth date, the terms, a purpose, a reason, the patient confirmed; he lands on
 * the study, which is on his explore page "unlocked until …". The department's source
 * admin finds it in "Unlocks to review", marks it justified, and revokes it from the
 * Access tab; the physician's next request is not found.
 */
class BreakGlassJourneyTests extends BrowserJourney {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Studies studies;

	@Test
	void aPhysicianUnlocksAStudyAndTheSourceAdminReviewsAndRevokesIt() {
		Department department = fixtures.department("Radiology Glass Journey");
		UserId admin = fixtures.sourceAdmin(department, "Glass Journey Admin");
		UserId physician = fixtures.physician("Dr Glass Journey", Fixtures.physicianNumber());
		StudyId study = fixtures.study(department, "Claes^Sofie", LocalDate.of(2026, 7, 14), null);
		Study registered = studies.find(study).orElseThrow();
		String reason = "Unconscious patient in our ER <script>alert(1)</script>";

		BrowserContext physicianBrowser = browser.newPage().context();
		Page physicianPage = physicianBrowser.pages().get(0);
		logIn(physicianPage, fixtures.usernameOf(physician), Fixtures.PASSWORD);
		assertThat(physicianPage.locator("#studies").count()).isZero();
		physicianPage.click("#menu-emergency");
		physicianPage.fill("#bg-patient-id", registered.patient().patientId());
		physicianPage.fill("#bg-birth-date", "1970-05-18");
		physicianPage.click("#bg-search");
		assertThat(physicianPage.locator("#bg-nothing").isVisible()).as("wrong birth date").isTrue();
		physicianPage.fill("#bg-birth-date", registered.patient().birthDate().toString());
		physicianPage.click("#bg-search");
		assertThat(physicianPage.locator("tr.bg-candidate").count()).isEqualTo(1);
		physicianPage.click("a.bg-offer");
		physicianPage.waitForURL("**/break-glass/studies/" + study);
		assertThat(physicianPage.locator("#bg-patient").textContent()).contains("Claes").contains("Glass Journey");
		physicianPage.check("#bg-terms");
		physicianPage.selectOption("#bg-purpose", "ETREAT");
		physicianPage.fill("#bg-reason", "too short");
		physicianPage.check("#bg-confirm");
		physicianPage.evaluate("document.getElementById('bg-reason').removeAttribute('required')");
		physicianPage.click("#bg-submit");
		assertThat(physicianPage.locator("#problem").textContent()).contains("too short");
		physicianPage.fill("#bg-reason", reason);
		screenshot(physicianPage, "break-glass-unlock");
		physicianPage.click("#bg-submit");
		physicianPage.waitForURL("**/studies/" + study);
		assertThat(physicianPage.locator("#notice").textContent()).contains("unlocked");
		physicianPage.navigate(url("/explore"));
		assertThat(physicianPage.locator("tr.study-row .unlocked-until").textContent()).startsWith("unlocked until 20");
		screenshot(physicianPage, "break-glass-explore");
		assertThat(physicianPage.navigate(url("/studies/" + study)).status()).isEqualTo(200);

		BrowserContext adminBrowser = browser.newPage().context();
		Page adminPage = adminBrowser.pages().get(0);
		logIn(adminPage, fixtures.usernameOf(admin), Fixtures.PASSWORD);
		adminPage.click("#menu-manage summary");
		adminPage.click("#menu-reviews");
		adminPage.waitForURL("**/break-glass/reviews");
		var row = adminPage.locator("tr.review-row", new Page.LocatorOptions().setHasText("Dr Glass Journey"));
		assertThat(row.locator(".unlock-reason").textContent()).isEqualTo(reason);
		row.locator("select.review-verdict").selectOption("JUSTIFIED");
		row.locator("input.review-comment-input").fill("Confirmed with the ER");
		screenshot(adminPage, "break-glass-review");
		row.locator("button.review-save").click();
		adminPage.waitForSelector("#notice");
		assertThat(adminPage.locator("#bg-no-reviews").isVisible()).isTrue();
		adminPage.click("#bg-show-all");
		assertThat(adminPage.locator("tr.review-row .unlock-review").first().textContent()).contains("Justified")
			.contains("Confirmed with the ER");

		adminPage.navigate(url("/studies/" + study + "/access"));
		var unlocked = adminPage.locator("#access-unlocked tr.unlock-row");
		assertThat(unlocked.textContent()).contains("Dr Glass Journey")
			.contains("ETREAT")
			.contains(reason)
			.contains("Justified");
		unlocked.locator("form.unlock-revoke-form button").click();
		adminPage.waitForSelector("#access-unlocked tr.unlock-row.inactive");
		assertThat(adminPage.locator("#access-unlocked tr.unlock-row").textContent()).contains("revoked");
		screenshot(adminPage, "break-glass-access-tab");

		Response refused = physicianPage.navigate(url("/studies/" + study));
		assertThat(refused.status()).isEqualTo(404);
		physicianPage.navigate(url("/explore"));
		assertThat(physicianPage.locator("tr.study-row").count()).isZero();
		adminBrowser.close();
		physicianBrowser.close();
	}

	private static void screenshot(Page page, String name) {
		// every page a journey pictures is checked by axe-core first (decision 063)
		Accessibility.check(page);
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
			.setFullPage(true));
	}

}
