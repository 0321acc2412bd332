package org.studygate.journey;

import java.nio.file.Path;
import java.time.LocalDate;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names and layout an admin can read (decision 063): the navigation on one line at 1366
 * px with the administrators' links in a menu that opens without JavaScript, a skip link,
 * the claim page reachable from explore, and an explore page that offers new studies
 * instead of reloading itself, keeping the ticked ones.
 */
class LayoutJourneyTests extends BrowserJourney {

	@Autowired
	Fixtures fixtures;

	@Test
	void theExplorePageOffersNewStudiesWithoutReloadingAndKeepsTheTickedOnes() {
		Department department = fixtures.department("Radiology North Layout");
		String number = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Dr Layout", number);
		StudyId first = fixtures.study(department, "Maes^Lies", LocalDate.of(2026, 5, 1), number);

		Page page = browser.newPage();
		page.setViewportSize(1366, 768);
		page.clock().install();
		logIn(page, fixtures.usernameOf(physician), Fixtures.PASSWORD);
		page.locator("input.select-study[value='" + first.value() + "']").check();
		page.evaluate("window.name = 'not reloaded'");

		StudyId second = fixtures.study(department, "Maes^Lies", LocalDate.of(2026, 6, 1), number);
		page.clock().runFor(301_000);
		Locator banner = page.locator("#new-studies");
		banner.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
		assertThat(page.locator("#new-studies-count").textContent()).isEqualTo("1 new study");
		assertThat(page.locator("input.select-study").count()).isEqualTo(1);
		page.click("#show-new-studies");
		assertThat(page.locator("input.select-study").count()).isEqualTo(2);
		assertThat(page.locator("input.select-study[value='" + first.value() + "']").isChecked()).isTrue();
		assertThat(page.locator("input.select-study[value='" + second.value() + "']").isChecked()).isFalse();
		assertThat(banner.isHidden()).isTrue();
		assertThat(page.evaluate("window.name")).as("the page was not reloaded").isEqualTo("not reloaded");
		accessible(page);
		screenshot(page, "explore-1366");

		// "Add a study with a reference number"
		page.click("#claim-link");
		page.waitForURL("**/claim");
		accessible(page);
		// on a freshly loaded page the skip link comes first
		page.keyboard().press("Tab");
		assertThat(page.evaluate("document.activeElement.className")).isEqualTo("skip-link");
		page.context().close();
	}

	@Test
	void theServiceDesksNavigationFitsOneLineAt1366PixelsWithTheAdminLinksInAMenu() {
		UserId desk = fixtures.serviceDesk("Layout Desk");
		Page page = browser.newPage();
		page.setViewportSize(1366, 768);
		logIn(page, fixtures.usernameOf(desk), Fixtures.PASSWORD);
		double brand = page.locator("header.bar .brand").boundingBox().height;
		assertThat(page.locator("header.bar").boundingBox().height).as("one line").isLessThan(brand * 2 + 30);
		assertThat(page.locator("#menu-rsw").isVisible()).isFalse();
		page.click("#menu-manage summary");
		assertThat(page.locator("#menu-rsw").isVisible()).isTrue();
		page.click("#menu-rsw");
		page.waitForURL("**/rsw**");
		accessible(page);
		page.context().close();
	}

	@Test
	void aDepartmentsSourceGroupsAreNamedForAdministratorsAndUsers() {
		Department department = fixtures.department("Radiology Named");
		UserId admin = fixtures.sourceAdmin(department, "Named Admin");
		StudyId study = fixtures.study(department, "Peeters^Rik", LocalDate.of(2026, 5, 3), null);
		Page page = browser.newPage();
		page.setViewportSize(1366, 768);
		logIn(page, fixtures.usernameOf(admin), Fixtures.PASSWORD);
		page.navigate(url("/studies/" + study.value() + "/access"));
		assertThat(page.content()).contains("Radiology Named — administrators").contains("Radiology Named — users");
		accessible(page);
		screenshot(page, "access-tab-1366");
		page.context().close();
	}

	private static void screenshot(Page page, String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
			.setFullPage(true));
	}

}
