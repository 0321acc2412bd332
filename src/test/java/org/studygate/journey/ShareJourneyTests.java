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
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source admin shares a study with a physician from the explore page; the physician
 * finds it on his explore page; the admin explains his access and withdraws it in place
 * on the Access tab; the physician's next request for it is not found.
 */
class ShareJourneyTests extends BrowserJourney {

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdminSharesAStudyThePhysicianSeesItAndLosesItWhenTheAdminWithdrawsIt() {
		Department department = fixtures.department("Radiology Share Journey");
		UserId admin = fixtures.sourceAdmin(department, "Admin Journey");
		String name = "Dr Wyckaert " + Fixtures.unique();
		UserId physician = fixtures.physician(name, Fixtures.physicianNumber());
		StudyId study = fixtures.study(department, "Goossens^Marie", LocalDate.of(2026, 5, 4), null);
		String accession = jdbc.sql("select accession_number from study.study where id = :id")
			.param("id", study.value())
			.query(String.class)
			.single();

		BrowserContext adminBrowser = browser.newPage().context();
		Page adminPage = adminBrowser.pages().get(0);
		logIn(adminPage, fixtures.usernameOf(admin), Fixtures.PASSWORD);
		adminPage.locator("input.select-study[value='" + study.value() + "']").check();
		adminPage.click("#share-selected");
		adminPage.waitForURL("**/share?**");
		adminPage.fill("#share-q", name);
		adminPage.click("#share-search");
		adminPage.locator("input.offered[value='USER:" + physician.value() + "']").check();
		adminPage.fill("#share-message", "Voor verder nazicht");
		screenshot(adminPage, "share-dialog");
		adminPage.click("#share-submit");
		adminPage.waitForURL("**/studies/" + study.value());
		assertThat(adminPage.locator("#notice").textContent()).isEqualTo("The studies were shared.");

		BrowserContext physicianBrowser = browser.newPage().context();
		Page physicianPage = physicianBrowser.pages().get(0);
		logIn(physicianPage, fixtures.usernameOf(physician), Fixtures.PASSWORD);
		assertThat(physicianPage.locator("#studies td.accession").allTextContents()).containsExactly(accession);
		assertThat(physicianPage.navigate(url("/studies/" + study.value())).status()).isEqualTo(200);

		adminPage.navigate(url("/studies/" + study.value() + "/access?who=" + name.replace(" ", "+")));
		adminPage.locator("a.explain-candidate").first().click();
		assertThat(adminPage.locator("#explanation tr[data-action='LIST']").textContent())
			.contains("GRANT_USER: granted to the user", "granted by Admin Journey", "until");
		adminPage.evaluate("window.stillTheSamePage = true");
		var row = adminPage.locator("tr.access-row", new Page.LocatorOptions().setHasText(name));
		assertThat(row.getAttribute("class")).doesNotContain("inactive");
		row.locator("button.cross").click();
		adminPage.fill("#withdraw-reason", "Shared by mistake");
		screenshot(adminPage, "access-withdraw-dialog");
		adminPage.click("#withdraw-ok");
		adminPage.waitForSelector("tr.access-row.inactive");
		assertThat(adminPage.evaluate("window.stillTheSamePage === true")).isEqualTo(true);
		assertThat(adminPage.locator("tr.access-row.inactive").textContent()).contains(name).contains("withdrawn");
		screenshot(adminPage, "access-after-withdrawal");

		Response refused = physicianPage.navigate(url("/studies/" + study.value()));
		assertThat(refused.status()).isEqualTo(404);
		assertThat(physicianPage.content()).doesNotContain("Goossens");
		physicianPage.navigate(url("/explore"));
		assertThat(physicianPage.locator("#studies td.accession").allTextContents()).isEmpty();
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
