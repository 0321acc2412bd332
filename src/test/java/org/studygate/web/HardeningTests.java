package org.studygate.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.directory.StaffPrincipal;
import org.studygate.directory.UserId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * CSRF, security headers, the stateless API, errors of the container, and the language
 * switch.
 */
@StudygateTest
class HardeningTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void refusesALoginFormPostedWithoutCsrfToken() throws Exception {
		String username = fixtures.usernameOf(fixtures.user("Dr Smet"));

		assertThat(mvc.perform(post("/login").param("username", username).param("password", Fixtures.PASSWORD))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(mvc
			.perform(post("/login").param("username", username).param("password", Fixtures.PASSWORD).with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/explore");
	}

	@Test
	void refusesALogoutWithoutCsrfToken() throws Exception {
		UserId user = fixtures.user("Dr Bogaert");

		assertThat(mvc.perform(post("/logout").with(staff(user))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(post("/logout").with(staff(user)).with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/login?logout");
	}

	@Test
	void sendsSecurityHeadersWithPages() throws Exception {
		assertSecurityHeaders(mvc.perform(get("/login")).andReturn().getResponse());
	}

	@Test
	void sendsSecurityHeadersWithTheApi() throws Exception {
		assertSecurityHeaders(mvc.perform(get("/api/v1/studies")).andReturn().getResponse());
		assertSecurityHeaders(
				mvc.perform(get("/api/v1/studies").with(staff(fixtures.user("Dr Aerts")))).andReturn().getResponse());
	}

	@Test
	void ignoresTheSessionCookieOnTheApi() throws Exception {
		MockMvc withSessions = web.withSessions();
		MockHttpServletResponse page = withSessions.perform(get("/login")).andReturn().getResponse();
		MockHttpServletResponse login = withSessions
			.perform(post("/login").cookie(page.getCookies())
				.param("username", fixtures.usernameOf(fixtures.user("Dr Janssens")))
				.param("password", Fixtures.PASSWORD)
				.param("_csrf", SessionTests.csrf(page.getContentAsString())))
			.andReturn()
			.getResponse();
		Cookie session = login.getCookie(SessionConfiguration.COOKIE);
		assertThat(withSessions.perform(get("/explore").cookie(session)).andReturn().getResponse().getStatus())
			.isEqualTo(200);

		MockHttpServletResponse api = withSessions.perform(get("/api/v1/studies").cookie(session))
			.andReturn()
			.getResponse();

		assertThat(api.getStatus()).isEqualTo(401);
		assertThat(api.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(api.getContentAsString()).contains("\"status\":401").contains("Authentication required");
		assertThat(api.getCookie(SessionConfiguration.COOKIE)).isNull();
	}

	@Test
	void answersTheContainerErrorOfAnApiRequestWithAProblemDetail() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/studies")
				.requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("pool exhausted")))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getContentAsString()).contains("\"instance\":\"/api/v1/studies\"")
			.doesNotContain("pool exhausted")
			.doesNotContain("<html");
		ApiInputTests.assertNoInternals(response.getContentAsString());
	}

	@Test
	void answersTheContainerErrorOfAPageWithTheFriendlyPage() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/apiary"))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentType()).startsWith(MediaType.TEXT_HTML_VALUE);
		assertThat(response.getContentAsString()).contains("This page does not exist, or you may not see it.");
	}

	@Test
	void switchesToOneOfTheFourLanguages() throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/login").param("lang", "nl")).andReturn().getResponse();

		assertThat(response.getCookie("studygate-lang").getValue()).isEqualTo("nl");
		assertThat(response.getContentAsString()).contains("lang=\"nl\"").contains("Aanmelden");
	}

	@Test
	void ignoresALanguageWithoutTexts() throws Exception {
		MockHttpServletResponse unknown = mvc.perform(get("/login").param("lang", "es")).andReturn().getResponse();
		MockHttpServletResponse kept = mvc
			.perform(get("/login").param("lang", "xx-evil").cookie(new Cookie("studygate-lang", "de")))
			.andReturn()
			.getResponse();

		assertThat(unknown.getCookie("studygate-lang")).isNull();
		assertThat(unknown.getContentAsString()).contains("lang=\"en\"");
		assertThat(kept.getCookie("studygate-lang")).isNull();
		assertThat(kept.getContentAsString()).contains("lang=\"de\"");
	}

	private static void assertSecurityHeaders(MockHttpServletResponse response) {
		assertThat(response.getHeader("Content-Security-Policy"))
			.isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY)
			.contains("frame-ancestors 'none'");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
	}

	static org.springframework.test.web.servlet.request.RequestPostProcessor staff(UserId user) {
		return authentication(StaffAuthenticationProvider.authenticated(new StaffPrincipal(user, user.toString())));
	}

}
