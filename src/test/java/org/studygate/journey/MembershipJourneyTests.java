package org.studygate.journey;

import java.nio.file.Path;
import java.time.LocalDate;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.directory.GroupId;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.UserId;
import org.studygate.directory.setup.DirectorySetup;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A practice's group admin invites a physician from "My groups"; the physician sees
 * nothing of the practice until he finds the invitation under "Invitations" and accepts
 * it; then his practice colleague's study is on his explore page.
 */
class MembershipJourneyTests extends BrowserJourney {

	@Autowired
	Fixtures fixtures;

	@Autowired
	DirectorySetup setup;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anInviteeSeesTheInvitationAcceptsItAndThenSeesHisColleaguesStudy() {
		Department department = fixtures.department("Radiology Membership Journey");
		String colleagueNumber = Fixtures.physicianNumber();
		UserId colleague = fixtures.physician("Dr Maes", colleagueNumber);
		GroupId practice = fixtures.practice("Practice Kouter");
		setup.addMember(practice, colleague, MembershipRole.ADMIN, true);
		String name = "Dr Verbeke " + Fixtures.unique();
		UserId invitee = fixtures.physician(name, Fixtures.physicianNumber());
		StudyId study = fixtures.study(department, "Pauwels^Ann", LocalDate.of(2026, 7, 1), colleagueNumber);
		String accession = jdbc.sql("select accession_number from study.study where id = :id")
			.param("id", study.value())
			.query(String.class)
			.single();

		BrowserContext adminBrowser = browser.newPage().context();
		Page adminPage = adminBrowser.pages().get(0);
		logIn(adminPage, fixtures.usernameOf(colleague), Fixtures.PASSWORD);
		adminPage.navigate(url("/my/groups"));
		adminPage.fill("#group-" + practice.value() + " form.add-member input[name=username]",
				fixtures.usernameOf(invitee));
		adminPage.click("#group-" + practice.value() + " form.add-member button[type=submit]");
		adminPage.waitForURL("**/my/groups**");
		assertThat(adminPage.locator("#notice").textContent()).contains("invited");
		assertThat(adminPage.locator("#invitations-" + practice.value()).textContent()).contains(name);
		assertThat(adminPage.locator("#members-" + practice.value()).textContent()).doesNotContain(name);

		BrowserContext inviteeBrowser = browser.newPage().context();
		Page inviteePage = inviteeBrowser.pages().get(0);
		logIn(inviteePage, fixtures.usernameOf(invitee), Fixtures.PASSWORD);
		assertThat(inviteePage.locator("#studies td.accession").allTextContents()).doesNotContain(accession);
		inviteePage.click("#menu-memberships");
		inviteePage.waitForURL("**/my/memberships");
		var invitation = inviteePage.locator("#invitation-" + practice.value());
		assertThat(invitation.textContent()).contains("Practice Kouter", "Dr Maes");
		screenshot(inviteePage, "membership-invitation");
		invitation.locator("button.accept").click();
		inviteePage.waitForSelector("#notice");
		assertThat(inviteePage.locator("#notice").textContent()).contains("member");
		assertThat(inviteePage.locator("#membership-" + practice.value()).textContent()).contains("Practice Kouter");

		inviteePage.navigate(url("/explore"));
		assertThat(inviteePage.locator("#studies td.accession").allTextContents()).contains(accession);
		adminBrowser.close();
		inviteeBrowser.close();
	}

	private static void screenshot(Page page, String name) {
		// every page a journey pictures is checked by axe-core first (decision 063)
		Accessibility.check(page);
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
			.setFullPage(true));
	}

}
