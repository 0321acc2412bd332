package org.studygate.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * An address that names nothing: a signed-in user's browser gets the friendly page, an
 * API client a ProblemDetail of our own words; neither learns how the application serves
 * its files.
 */
@StudygateTest
class MissingPageTests {

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
	void aBrowserAskingForAPageThatDoesNotExistGetsTheFriendlyPage() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/profile-that-does-not-exist").with(HardeningTests.staff(fixtures.user("Dr Mees")))
				.accept(MediaType.TEXT_HTML))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentType()).startsWith("text/html");
		assertThat(response.getContentAsString()).contains("<code>").doesNotContain("static resource");
	}

	@Test
	void anApiClientAskingForAnUnknownPathGetsAProblemInOurWords() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/api/v1/no-such-thing").with(HardeningTests.staff(fixtures.user("Dr Mees")))
				.accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("No such resource").doesNotContain("static resource");
	}

}
