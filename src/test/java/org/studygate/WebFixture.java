package org.studygate;

import jakarta.servlet.Filter;

import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * The pages and the API as a test calls them: {@link MockMvc} over the application
 * context behind its security filter chains, built once per context and shared by its
 * tests. Requests sign in as the application expects them to (a bearer token from
 * {@link Fixtures#bearer}, or {@code authentication(fixtures.signedIn(user))} for a
 * page).
 *
 * <p>
 * Two variants put one more of the server's own filters in front of the chains, for the
 * tests that depend on it; the others leave them out, as they always have.
 */
@Component
public class WebFixture {

	private final WebApplicationContext context;

	private MockMvc mvc;

	private MockMvc withRequestContext;

	private MockMvc withSessions;

	WebFixture(WebApplicationContext context) {
		this.context = context;
	}

	/** The web application behind the security filter chains. */
	public synchronized MockMvc mvc() {
		if (mvc == null) {
			mvc = build();
		}
		return mvc;
	}

	/**
	 * With the request filter in front, as the server runs it: it gives each answer a
	 * correlation id and binds the request's channel, client address and user agent for
	 * the access log.
	 */
	public synchronized MockMvc withRequestContext() {
		if (withRequestContext == null) {
			withRequestContext = build("requestContext");
		}
		return withRequestContext;
	}

	/**
	 * With the session repository in front, as the server runs it: a page session lives
	 * in PostgreSQL and is found again by its cookie (a {@code MockHttpSession} is not
	 * used).
	 */
	public synchronized MockMvc withSessions() {
		if (withSessions == null) {
			withSessions = build("springSessionRepositoryFilter");
		}
		return withSessions;
	}

	private MockMvc build(String... filtersInFront) {
		DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(context);
		for (String name : filtersInFront) {
			builder.addFilters(context.getBean(name, Filter.class));
		}
		return builder.apply(springSecurity()).build();
	}

}
