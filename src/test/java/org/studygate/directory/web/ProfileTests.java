package org.studygate.directory.web;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.directory.ApiTokens;
import org.studygate.directory.StaffPrincipal;
import org.studygate.directory.UserId;
import org.studygate.directory.UserView;
import org.studygate.directory.Users;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Users keep their own profile; the service desk keeps anyone's; nobody else touches one.
 */
@StudygateTest
class ProfileTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void aUserChangesHisLanguageAndThePagesFollowIt() throws Exception {
		UserId user = fixtures.physician("Dr Vos", Fixtures.physicianNumber());

		MockHttpServletResponse saved = mvc
			.perform(post("/my/profile").with(csrf())
				.with(authentication(login(user)))
				.param("displayName", "Dr An Vos")
				.param("email", "an.vos@practice.example")
				.param("mobile", "+32 470 12 34 56")
				.param("language", "de")
				.param("contactPublic", "true"))
			.andReturn()
			.getResponse();

		assertThat(saved.getRedirectedUrl()).isEqualTo("/my/profile?lang=de");
		UserView after = users.find(user).orElseThrow();
		assertThat(after.displayName()).isEqualTo("Dr An Vos");
		assertThat(after.language()).isEqualTo("de");
		assertThat(after.contactPublic()).isTrue();
		String explore = mvc.perform(get("/explore").with(authentication(login(user))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(explore).contains("Untersuchungen");
	}

	@Test
	void aBadProfileFormIsShownAgainAndChangesNothing() throws Exception {
		UserId user = fixtures.user("Clerk Careful");
		UserView before = users.find(user).orElseThrow();

		MockHttpServletResponse page = mvc
			.perform(post("/my/profile").with(csrf())
				.with(authentication(login(user)))
				.param("displayName", "Someone Else")
				.param("email", "not-an-address")
				.param("language", "en"))
			.andReturn()
			.getResponse();

		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("Enter a valid e-mail address. Nothing was changed.");
		assertThat(users.find(user).orElseThrow()).isEqualTo(before);
	}

	@Test
	void theServiceDeskChangesAnyProfileAndOthersAreRefused() throws Exception {
		UserId desk = fixtures.serviceDesk("Desk Profiles");
		UserId physician = fixtures.physician("Dr Target", Fixtures.physicianNumber());
		UserId intruder = fixtures.physician("Dr Intruder", Fixtures.physicianNumber());
		String body = """
				{"displayName":"Dr Renamed","email":"renamed@hospital.example","language":"fr","contactPublic":false}
				""";

		MockHttpServletResponse refused = api(put("/api/v1/admin/users/" + physician), intruder, body);
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(users.find(physician).orElseThrow().displayName()).isEqualTo("Dr Target");

		MockHttpServletResponse changed = api(put("/api/v1/admin/users/" + physician), desk, body);
		assertThat(changed.getStatus()).isEqualTo(200);
		assertThat(json.readTree(changed.getContentAsString()).get("language").asString()).isEqualTo("fr");
		assertThat(users.find(physician).orElseThrow().displayName()).isEqualTo("Dr Renamed");

		MockHttpServletResponse invalid = api(put("/api/v1/admin/users/" + physician), desk,
				body.replace("\"fr\"", "\"es\""));
		assertThat(invalid.getStatus()).isEqualTo(400);
		assertThat(json.readTree(invalid.getContentAsString()).get("field").asString()).isEqualTo("language");
		assertThat(api(put("/api/v1/admin/users/" + UserId.random()), desk, body).getStatus()).isEqualTo(404);

		assertThat(mvc.perform(get("/admin/users/" + physician).with(authentication(login(intruder))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/admin/users/" + physician).with(authentication(login(desk))))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Dr Renamed");
	}

	private MockHttpServletResponse api(
			org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, UserId user,
			String body) throws Exception {
		return mvc
			.perform(request.header("Authorization", "Bearer " + tokens.issue(user).token())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse();
	}

	private UsernamePasswordAuthenticationToken login(UserId user) {
		return UsernamePasswordAuthenticationToken.authenticated(new StaffPrincipal(user, fixtures.usernameOf(user)),
				null, List.of());
	}

}
