package org.studygate.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.directory.NewUser;
import org.studygate.directory.Password;
import org.studygate.directory.StaffPrincipal;
import org.studygate.directory.UserId;
import org.studygate.directory.setup.DirectorySetup;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Pages speak the language a user chose, else his profile's, else his browser's. */
@StudygateTest
class LanguageTests {

	@Autowired
	WebFixture web;

	@Autowired
	DirectorySetup setup;

	@Autowired
	Fixtures fixtures;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void usesTheLanguageOfTheUsersProfile() throws Exception {
		UserId user = userSpeaking("de");
		MockHttpServletResponse page = mvc
			.perform(get("/explore").header("Accept-Language", "fr-BE").with(authentication(login(user))))
			.andReturn()
			.getResponse();
		assertThat(page.getContentAsString()).contains("Untersuchungen").contains("lang=\"de\"");
	}

	@Test
	void aChosenLanguageWinsOverTheProfile() throws Exception {
		UserId user = userSpeaking("de");
		MockHttpServletResponse page = mvc
			.perform(get("/explore").cookie(new Cookie("studygate-lang", "nl")).with(authentication(login(user))))
			.andReturn()
			.getResponse();
		assertThat(page.getContentAsString()).contains("Onderzoeken").contains("lang=\"nl\"");
	}

	@Test
	void anonymousVisitorsGetTheirBrowsersLanguage() throws Exception {
		String page = mvc.perform(get("/login").header("Accept-Language", "fr-BE,fr;q=0.9"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Connexion").contains("lang=\"fr\"");
	}

	@Test
	void theExplorePageNoLongerReloadsItselfButLooksForNewStudiesEveryFiveMinutes() throws Exception {
		UserId user = userSpeaking("en");
		String page = mvc.perform(get("/explore").with(authentication(login(user))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).doesNotContain("http-equiv=\"refresh\"")
			.contains("data-poll-seconds=\"300\"")
			.contains("/js/explore.js")
			.contains("href=\"/claim\"")
			.contains("class=\"skip-link\" href=\"#content\"");
	}

	@Test
	void aRefusedPageKeepsTheMenuAndTheLogoutButton() throws Exception {
		UserId user = userSpeaking("en");
		MockHttpServletResponse page = mvc.perform(get("/admin").with(authentication(login(user))))
			.andReturn()
			.getResponse();
		assertThat(page.getStatus()).isEqualTo(403);
		assertThat(page.getContentAsString()).contains("You may not do this.").contains("id=\"logout\"");
	}

	@Test
	void aClientErrorOfTheContainerGetsTheFriendlyBadRequestPage() throws Exception {
		MockHttpServletResponse page = mvc
			.perform(get("/error").requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, 405)
				.requestAttr(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/explore"))
			.andReturn()
			.getResponse();
		assertThat(page.getStatus()).isEqualTo(405);
		assertThat(page.getContentAsString()).contains("The request could not be understood.")
			.doesNotContain("Something went wrong on our side");
	}

	/**
	 * A request of the REST API does not read the profile for its language: its answers
	 * hold no translated text
	 * (docs/decisions/080-explore-list-fewer-statements-per-request.md), so the browser's
	 * language stands.
	 */
	@Test
	void anApiRequestDoesNotTakeTheProfileLanguage() throws Exception {
		UserId user = userSpeaking("de");
		String bearer = fixtures.bearer(user);
		MvcResult known = mvc
			.perform(get("/api/v1/my/tokens").header("Authorization", bearer).header("Accept-Language", "fr-BE"))
			.andReturn();
		assertThat(known.getResponse().getStatus()).isEqualTo(200);
		assertThat(resolved(known)).isEqualTo(Locale.FRENCH);
	}

	/** The locale the request's resolver settled on. */
	private static Locale resolved(MvcResult result) {
		return (Locale) result.getRequest().getAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME);
	}

	private UserId userSpeaking(String language) {
		return setup.createUser(new NewUser(fixtures.username("Polyglot"), "Polyglot " + language,
				new Password(Fixtures.PASSWORD), List.of(), null, null, language, false, false));
	}

	private UsernamePasswordAuthenticationToken login(UserId user) {
		return UsernamePasswordAuthenticationToken.authenticated(new StaffPrincipal(user, fixtures.usernameOf(user)),
				null, List.of());
	}

}
