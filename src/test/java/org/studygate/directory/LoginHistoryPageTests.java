package org.studygate.directory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@StudygateTest
class LoginHistoryPageTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	StaffAuthentication authentication;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void showsTheUsersOwnAttemptsNewestFirstInHisLanguage() throws Exception {
		UserId user = fixtures.user("Dr Vandamme");
		UserId other = fixtures.user("Dr Wuyts");
		String username = fixtures.usernameOf(user);
		authentication.authenticate(username, "Wrong-pass-1", LoginChannel.FORM, "192.0.2.10", null);
		authentication.authenticate(username, Fixtures.PASSWORD, LoginChannel.API, "192.0.2.20", null);
		authentication.authenticate(fixtures.usernameOf(other), Fixtures.PASSWORD, LoginChannel.FORM, "192.0.2.99",
				null);

		MockHttpServletResponse response = mvc.perform(get("/my/logins").param("lang", "nl").with(as(user)))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		String html = response.getContentAsString();
		assertThat(html).contains("Aanmeldgeschiedenis", "Verkeerd wachtwoord", "Aangemeld")
			.doesNotContain("192.0.2.99");
		assertThat(html.indexOf("192.0.2.20")).isPositive().isLessThan(html.indexOf("192.0.2.10"));
		assertThat(html).doesNotContain("id=\"older\"");
	}

	@Test
	void sendsAnonymousVisitorsToTheLoginPage() throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/my/logins")).andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).endsWith("/login");
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor as(UserId user) {
		return authentication(UsernamePasswordAuthenticationToken.authenticated(new StaffPrincipal(user, "x"), null,
				java.util.List.of(new SimpleGrantedAuthority("ROLE_STAFF"))));
	}

}
