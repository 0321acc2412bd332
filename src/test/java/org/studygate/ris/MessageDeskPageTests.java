package org.studygate.ris;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.NewDepartment;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The message desk's pages: the service desk lists messages, reads one and applies it
 * again; nobody else sees them.
 */
@StudygateTest
class MessageDeskPageTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MessageDesk desk;

	@Autowired
	Hl7 hl7;

	@Autowired
	DepartmentSetup departments;

	MockMvc mvc;

	UserId serviceDesk;

	UserId admin;

	String code;

	Map<String, String> values;

	@BeforeEach
	void setUp() throws Exception {
		mvc = web.mvc();
		serviceDesk = fixtures.serviceDesk("Desk Pages");
		admin = fixtures.sourceAdmin(fixtures.department("Radiology Pages"), "Admin Pages");
		code = "DP" + Fixtures.unique();
		values = RisSender.order(code, "NW", "A" + Fixtures.unique());
		values.put("REQ", Fixtures.physicianNumber());
		values.put("CC", Fixtures.physicianNumber());
		values.put("CC2", Fixtures.physicianNumber());
		String raw = RisSender.message("orm-o01.hl7", values);
		desk.receive(raw, hl7.parse(raw));
	}

	@Test
	void theServiceDeskSeesTheMessageAndAppliesItAgainOnceItsDepartmentExists() throws Exception {
		String list = page(serviceDesk, "/admin/ris/messages?outcome=ERROR");
		assertThat(list).contains(values.get("CTRL")).contains("unknown department");
		MessageLine line = line();

		assertThat(page(serviceDesk, "/admin/ris/messages/" + line.id())).contains("Peeters^Ann^Maria")
			.contains("ris-reapply");

		departments.create(NewDepartment.of(code, "Radiology Later", "Europe/Brussels"));
		MockHttpServletResponse reapplied = mvc
			.perform(post("/admin/ris/messages/" + line.id() + "/reapply")
				.with(authentication(fixtures.signedIn(serviceDesk)))
				.with(csrf()))
			.andReturn()
			.getResponse();

		assertThat(reapplied.getStatus()).isEqualTo(302);
		assertThat(line().outcome()).isEqualTo(MessageOutcome.APPLIED);
	}

	@Test
	void aSourceAdminSeesNoMessageAndCannotApplyOne() throws Exception {
		MessageLine line = line();

		for (String path : new String[] { "/admin/ris/messages", "/admin/ris/messages/" + line.id() }) {
			MockHttpServletResponse response = mvc.perform(get(path).with(authentication(fixtures.signedIn(admin))))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(403);
			assertThat(response.getContentAsString()).doesNotContain("Peeters").doesNotContain(values.get("CTRL"));
		}
		departments.create(NewDepartment.of(code, "Radiology Later", "Europe/Brussels"));
		MockHttpServletResponse refused = mvc
			.perform(
					post("/admin/ris/messages/" + line.id() + "/reapply").with(authentication(fixtures.signedIn(admin)))
						.with(csrf()))
			.andReturn()
			.getResponse();

		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(line().outcome()).isEqualTo(MessageOutcome.ERROR);
	}

	@Test
	void anUnknownOutcomeFilterIsABadRequestWithoutInternals() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/admin/ris/messages?outcome=<script>").with(authentication(fixtures.signedIn(serviceDesk))))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).doesNotContain("<script>").doesNotContainIgnoringCase("exception");
	}

	private String page(UserId user, String path) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(path).with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	private MessageLine line() {
		return desk.newest(Actor.systemOperator("test"), null, 500)
			.stream()
			.filter(l -> values.get("CTRL").equals(l.controlId()))
			.findFirst()
			.orElseThrow();
	}

}
