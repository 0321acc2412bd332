package org.studygate.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.directory.UserId;
import org.studygate.directory.Users;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on in a real browser (decision 056) against a real OpenID Connect provider
 * running in the test JVM with its own sign-in form: the login page offers the provider's
 * button, the provider's form signs the user in, and the browser lands on the explore
 * page as the user the claims name; logging out ends the session. A provider that signs
 * in existing users only turns a stranger away with a friendly page.
 */
class SingleSignOnJourneyTests extends BrowserJourney {

	static final MockOAuth2Server provider = new MockOAuth2Server(new OAuth2Config(true));

	/**
	 * The application's port, known before it starts: the provider sends the browser back
	 * to the public URL after logging out.
	 */
	static final int PORT = freePort();

	static {
		provider.start();
		// the provider's own sign-in form is not Studygate's page
		Accessibility.notOurs("http://localhost:" + provider.url("/").port());
	}

	static int freePort() {
		try (ServerSocket probe = new ServerSocket(0)) {
			return probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		String registration = "spring.security.oauth2.client.registration.partner";
		registry.add(registration + ".client-id", () -> "studygate");
		registry.add(registration + ".client-secret", () -> "studygate-secret");
		registry.add(registration + ".scope", () -> "openid");
		registry.add(registration + ".client-name", () -> "Partner Hospital");
		registry.add("spring.security.oauth2.client.provider.partner.issuer-uri",
				() -> provider.issuerUrl("partner").toString());
		registry.add("studygate.sso.providers.partner.create-users", () -> "false");
		registry.add("server.port", () -> PORT);
		registry.add("studygate.public-url", () -> "http://localhost:" + PORT);
	}

	@AfterAll
	static void stopProvider() {
		provider.shutdown();
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	/** From Studygate's login page through the provider's form, as {@code username}. */
	void signInAtTheProvider(Page page, String username) {
		Response login = page.navigate(url("/login"));
		assertThat(login.headerValue("content-security-policy"))
			.as("the logout form may be redirected to the provider's end of session")
			.contains("form-action 'self' http://localhost:" + provider.url("/").port());
		accessible(page);
		assertThat(page.locator("#sso-partner").textContent()).isEqualTo("Partner Hospital");
		page.click("#sso-partner");
		page.waitForURL(provider.issuerUrl("partner") + "/authorize**");
		page.fill("input[name=username]", "subject-" + UUID.randomUUID());
		page.fill("textarea[name=claims]", "{\"preferred_username\": \"" + username + "\"}");
		page.click("input[type=submit]");
	}

	@Test
	void aPhysicianSignsInThroughTheProviderAndOut() {
		UserId user = fixtures.physician("Dr Browser Sign-On", Fixtures.physicianNumber());
		String username = fixtures.usernameOf(user);
		Page page = browser.newPage();

		signInAtTheProvider(page, username);
		page.waitForURL(url("/explore"));
		accessible(page);
		assertThat(page.locator("header .who").textContent()).isEqualTo("Dr Browser Sign-On");
		assertThat(jdbc
			.sql("select channel || ' ' || outcome || ' ' || provider from directory.login_attempt "
					+ "where user_id = :user")
			.param("user", user.value())
			.query(String.class)
			.list()).containsExactly("SSO SUCCESS partner");

		page.click("#logout");
		try {
			page.waitForURL(url("/login?logout"), new Page.WaitForURLOptions().setTimeout(60_000));
		}
		catch (TimeoutError ex) {
			throw new AssertionError("after logging out the browser is at " + page.url(), ex);
		}
		accessible(page);
		page.navigate(url("/explore"));
		assertThat(page.url()).as("signed out: the explore page asks to sign in").startsWith(url("/login"));
		assertThat(page.locator("#username").isVisible()).isTrue();
		page.context().close();
	}

	@Test
	void aStrangerIsTurnedAwayWithAFriendlyPage() {
		String stranger = "stranger." + UUID.randomUUID().toString().substring(0, 8) + "@partner.example";
		Page page = browser.newPage();

		signInAtTheProvider(page, stranger);
		page.waitForURL(url("/login?sso-error"));
		accessible(page);
		assertThat(page.locator("[role=alert]").textContent())
			.isEqualTo("The sign-in with your identity provider was refused. "
					+ "Ask the service desk if you think you should have access.");
		assertThat(page.content()).doesNotContain("Exception").doesNotContain("at org.");
		assertThat(users.findByUsername(stranger)).as("no account is made").isEmpty();
		page.navigate(url("/explore"));
		assertThat(page.url()).as("not signed in").startsWith(url("/login"));
		assertThat(jdbc.sql("select outcome || ' ' || provider from directory.login_attempt where username = :name")
			.param("name", stranger)
			.query(String.class)
			.list()).isEqualTo(List.of("UNKNOWN_USER partner"));
		page.context().close();
	}

}
