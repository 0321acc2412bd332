package org.studygate.journey;

import java.time.LocalDate;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.department.RswPublishing;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source admin of a department that publishes to the regional network opens a study's
 * Access tab, finds it not sent, presses "Send", confirms, finds it queued, and sees it
 * on the department's RSW queue page.
 */
class RswJourneyTests extends BrowserJourney {

	@Autowired
	Fixtures fixtures;

	@Autowired
	DepartmentSetup setup;

	@Test
	void aSourceAdminSendsAStudyAfterConfirmingAndFindsItOnTheQueue() {
		Department department = fixtures.department("Radiology RSW Journey");
		setup.updateSettings(department.id(),
				department.settings().withRsw(new RswPublishing(true, "http://127.0.0.1:9/fhir", null, null)));
		UserId admin = fixtures.sourceAdmin(department, "RSW Journey Admin");
		StudyId study = fixtures.study(department, "Wouters^Lien", LocalDate.of(2026, 7, 20), null);

		BrowserContext context = browser.newPage().context();
		Page page = context.pages().get(0);
		logIn(page, fixtures.usernameOf(admin), Fixtures.PASSWORD);
		page.navigate(url("/studies/" + study + "/access"));
		assertThat(page.locator("#access-rsw .rsw-state").getAttribute("data-state")).isEqualTo("NOT_SENT");
		accessible(page);

		// "Send" at the end of the line asks in a dialog on the tab
		page.click("#rsw-send");
		assertThat(page.locator("#rsw-dialog").isVisible()).isTrue();
		assertThat(page.url()).endsWith("/studies/" + study + "/access");
		assertThat(page.locator("#rsw-dialog-question").textContent()).contains("regional health network");
		page.click("#rsw-dialog-cancel");
		assertThat(page.locator("#rsw-dialog").isVisible()).isFalse();
		assertThat(page.locator("#access-rsw .rsw-state").getAttribute("data-state")).isEqualTo("NOT_SENT");
		page.click("#rsw-send");
		assertThat(page.locator("#rsw-dialog-confirm").textContent()).isEqualTo("SEND");
		accessible(page);
		page.click("#rsw-dialog-confirm");
		page.waitForURL("**/studies/" + study + "/access");
		page.locator("#notice").waitFor();
		assertThat(page.locator("#access-rsw .rsw-state").getAttribute("data-state")).isEqualTo("QUEUED");
		assertThat(page.locator("#rsw-send").count()).as("no second send while queued").isZero();

		page.click("#menu-manage summary");
		page.click("#menu-rsw");
		page.waitForURL("**/rsw/" + department.code().value());
		assertThat(page.locator("tr.rsw-line[data-study='" + study + "']").getAttribute("data-state"))
			.isEqualTo("QUEUED");
		context.close();
	}

}
