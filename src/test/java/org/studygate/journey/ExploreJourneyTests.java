package org.studygate.journey;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

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
 * Real people in a real browser: a physician and a source admin log in, see exactly the
 * studies their role lets them see, open one and log out.
 */
class ExploreJourneyTests extends BrowserJourney {

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void physicianSeesExactlyHisStudiesOpensOneAndLogsOut() {
		Department department = fixtures.department("Radiology Journey");
		String peetersNumber = Fixtures.physicianNumber();
		String janssensNumber = Fixtures.physicianNumber();
		UserId peeters = fixtures.physician("Dr Peeters", peetersNumber);
		fixtures.physician("Dr Janssens", janssensNumber);
		StudyId first = fixtures.study(department, "Maes^Anna", LocalDate.of(2026, 5, 1), peetersNumber);
		StudyId second = fixtures.study(department, "Willems^Jan", LocalDate.of(2026, 6, 1), "X" + peetersNumber,
				peetersNumber);
		StudyId someoneElses = fixtures.study(department, "Claes^Rita", LocalDate.of(2026, 7, 1), janssensNumber);

		Page page = browser.newPage();
		logIn(page, fixtures.usernameOf(peeters));

		assertThat(page.url()).endsWith("/explore");
		assertThat(accessionsOnPage(page)).containsExactly(accession(second), accession(first));
		screenshot(page, "physician-explore");

		page.locator("a.study-link").first().click();
		assertThat(page.url()).endsWith("/studies/" + second.value());
		assertThat(page.locator("#accession").textContent()).isEqualTo(accession(second));
		assertThat(page.locator("#access-path").textContent()).isEqualTo("referring or copied physician");

		Response refused = page.navigate(url("/studies/" + someoneElses.value()));
		assertThat(refused.status()).isEqualTo(404);
		assertThat(page.content()).doesNotContain("Claes").doesNotContain("Exception");

		page.navigate(url("/explore"));
		page.locator("#logout").click();
		assertThat(page.url()).contains("/login");
		page.navigate(url("/explore"));
		assertThat(page.url()).contains("/login");
		page.context().close();
	}

	@Test
	void sourceAdminSeesHisDepartmentsStudiesOnly() {
		Department ours = fixtures.department("Radiology Ours");
		Department theirs = fixtures.department("Radiology Theirs");
		UserId admin = fixtures.sourceAdmin(ours, "Admin Ours");
		StudyId a = fixtures.study(ours, "Jacobs^Tom", LocalDate.of(2026, 3, 1), null);
		StudyId b = fixtures.study(ours, "Mertens^Lies", LocalDate.of(2026, 3, 2), Fixtures.physicianNumber());
		fixtures.study(theirs, "Hendrickx^Bart", LocalDate.of(2026, 3, 3), null);

		Page page = browser.newPage();
		logIn(page, fixtures.usernameOf(admin));
		assertThat(accessionsOnPage(page)).containsExactly(accession(b), accession(a));
		screenshot(page, "source-admin-explore");

		page.locator("a.study-link").nth(1).click();
		assertThat(page.locator("#accession").textContent()).isEqualTo(accession(a));
		assertThat(page.locator("#access-path").textContent()).isEqualTo("administrator of the sending department");
		page.locator("#logout").click();
		assertThat(page.url()).contains("/login");
		page.context().close();
	}

	@Test
	void wrongPasswordShowsOneGenericMessage() {
		UserId user = fixtures.user("Someone Forgetful");
		Page page = browser.newPage();
		page.navigate(url("/login"));
		page.fill("#username", fixtures.usernameOf(user));
		page.fill("#password", "not-the-password-1");
		page.click("#login");
		assertThat(page.url()).contains("/login?error");
		assertThat(page.locator("[role=alert]").textContent())
			.isEqualTo("The username or password is not right, or the account is locked.");
		page.context().close();
	}

	private void logIn(Page page, String username) {
		page.navigate(url("/explore"));
		assertThat(page.url()).contains("/login");
		logIn(page, username, Fixtures.PASSWORD);
	}

	private List<String> accessionsOnPage(Page page) {
		return page.locator("#studies td.accession").allTextContents();
	}

	private String accession(StudyId id) {
		return jdbc.sql("select accession_number from study.study where id = :id")
			.param("id", id.value())
			.query(String.class)
			.single();
	}

	private static void screenshot(Page page, String name) {
		// every page a journey pictures is checked by axe-core first (decision 063)
		Accessibility.check(page);
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
			.setFullPage(true));
	}

}
