package org.studygate.rsw;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.department.RswPublishing;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The RSW status section's "Send" (docs/product/04-access-tab.md, decision 062): at the
 * end of the line with its confirmation dialog only when the department publishes; a
 * department that does not publish gets no button and a send is refused.
 */
@StudygateTest
class RswSendButtonTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DepartmentSetup setup;

	String tab(UserId admin, StudyId study) throws Exception {
		return web.mvc()
			.perform(get("/studies/" + study + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void aDepartmentThatDoesNotPublishGetsNoSendButtonAndASendIsRefused() throws Exception {
		Department department = fixtures.department("Radiology Unpublished");
		UserId admin = fixtures.sourceAdmin(department, "Unpublished Admin");
		StudyId study = fixtures.study(department, "Peeters^An", LocalDate.of(2026, 7, 21), null);

		String page = tab(admin, study);
		assertThat(page).contains("id=\"access-rsw\"")
			.contains("id=\"rsw-not-published\"")
			.doesNotContain("id=\"rsw-send\"")
			.doesNotContain("id=\"rsw-dialog\"");
		int status = web.mvc()
			.perform(
					post("/studies/" + study + "/rsw/send").with(csrf()).with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getStatus();
		// the friendly error page; nothing queued
		assertThat(status).isEqualTo(400);
		assertThat(tab(admin, study)).contains("data-state=\"NOT_SENT\"");
	}

	@Test
	void aPublishingDepartmentGetsTheButtonWithItsDialogAndTheConfirmationPageWithoutJavaScript() throws Exception {
		Department department = fixtures.department("Radiology Published");
		setup.updateSettings(department.id(),
				department.settings().withRsw(new RswPublishing(true, "http://127.0.0.1:9/fhir", null, null)));
		UserId admin = fixtures.sourceAdmin(department, "Published Admin");
		StudyId study = fixtures.study(department, "Janssens^Bo", LocalDate.of(2026, 7, 22), null);

		String page = tab(admin, study);
		assertThat(page).contains("id=\"rsw-send\"")
			.contains("<dialog id=\"rsw-dialog\"")
			.contains("id=\"rsw-dialog-confirm\">SEND<")
			.contains("/js/rsw.js")
			.doesNotContain("id=\"rsw-not-published\"");
		String confirm = web.mvc()
			.perform(get("/studies/" + study + "/rsw/send").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(confirm).contains("id=\"confirm\">SEND<");

		UserId stranger = fixtures.sourceAdmin(fixtures.department("Radiology Nosy"), "Nosy Admin");
		assertThat(web.mvc()
			.perform(get("/studies/" + study + "/access").with(authentication(fixtures.signedIn(stranger))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

}
