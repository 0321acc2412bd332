package org.studygate.directory;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.setup.DirectorySetup;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Practices share by choice (decision 061): a new practice's members see nothing of each
 * other's studies until its setting is on, and a physician may keep his own studies from
 * his colleagues.
 */
@StudygateTest
class PracticeSharingTests {

	@Autowired
	WebFixture web;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DirectorySetup setup;

	@Autowired
	Groups groups;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	UserId requester;

	UserId colleague;

	UserId admin;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		Department department = fixtures.department("Radiology Sharing");
		admin = fixtures.sourceAdmin(department, "Admin Sharing Choice");
		String number = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Sharing Requester", number);
		colleague = fixtures.physician("Dr Sharing Colleague", Fixtures.physicianNumber());
		study = fixtures.study(department, "Sharing^Sam", LocalDate.of(2026, 5, 1), number);
	}

	@Test
	void aNewPracticeSharesNothingUntilItsSettingIsOn() throws Exception {
		GroupId practice = setup.createGroup(
				new NewGroup(GroupKind.PRACTICE, "Practice New " + Fixtures.unique(), null, null, null, false));
		setup.addMember(practice, requester, MembershipRole.MEMBER, false);
		setup.addMember(practice, colleague, MembershipRole.MEMBER, false);

		assertThat(groups.find(practice).orElseThrow().membersShareStudies()).as("off for a new practice").isFalse();
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(404);
		assertThat(perform(get("/api/v1/studies/" + study + "/access"), admin).getContentAsString())
			.doesNotContain(practice.toString());

		setup.shareStudies(practice, true);
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(200);
	}

	@Test
	void aPhysicianWhoOptsOutKeepsHisStudiesFromHisColleagues() throws Exception {
		GroupId practice = fixtures.practice("Practice Opt-out", requester, colleague);
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(200);
		assertThat(perform(get("/api/v1/my/practice-sharing"), requester).getContentAsString())
			.isEqualTo("{\"shares\":true}");

		MockHttpServletResponse changed = perform(
				put("/api/v1/my/practice-sharing").contentType(MediaType.APPLICATION_JSON)
					.content("{\"shares\":false}"),
				requester);
		assertThat(changed.getStatus()).isEqualTo(200);
		assertThat(changed.getContentAsString()).isEqualTo("{\"shares\":false}");

		assertThat(sharingEntries(requester, "true → false")).as("the opt-out is in the log").isEqualTo(1);
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(404);
		assertThat(perform(get("/api/v1/studies/" + study), requester).getStatus()).as("his own access stays")
			.isEqualTo(200);
		assertThat(perform(get("/api/v1/studies/" + study + "/access"), admin).getContentAsString())
			.doesNotContain(practice.toString());

		mvc.perform(post("/my/practice-sharing").param("shares", "true")
			.with(csrf())
			.with(authentication(fixtures.signedIn(requester))));
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(200);
		assertThat(sharingEntries(requester, "false → true")).isEqualTo(1);
		String page = mvc.perform(get("/my/memberships").with(authentication(fixtures.signedIn(requester))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"practice-sharing-shares\"");
	}

	@Test
	void badInputChangesNothing() throws Exception {
		assertThat(perform(put("/api/v1/my/practice-sharing").contentType(MediaType.APPLICATION_JSON).content("{}"),
				requester)
			.getStatus()).isEqualTo(400);
		assertThat(perform(get("/api/v1/my/practice-sharing"), requester).getContentAsString())
			.isEqualTo("{\"shares\":true}");
		assertThat(sharingEntries(requester, "true → false")).as("nothing logged").isZero();
	}

	private int sharingEntries(UserId user, String change) {
		return jdbc.sql("""
				select count(*) from audit.entry where action = 'PRACTICE_SHARING_CHANGED'
				and details ->> 'userId' = :user and actor_id = :user and details ->> 'sharesWithPractice' = :change
				""").param("user", user.toString()).param("change", change).query(Integer.class).single();
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

}
