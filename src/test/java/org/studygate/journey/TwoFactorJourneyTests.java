package org.studygate.journey;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.microsoft.playwright.Page;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.directory.UserId;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A physician turns two-factor sign-in on in a real browser: the QR code is shown (and
 * laid out under the page's content security policy), a code from the secret turns it on,
 * and the next sign-in asks for the code before the study list (decision 057).
 */
class TwoFactorJourneyTests extends BrowserJourney {

	@Autowired
	Fixtures fixtures;

	@Test
	void aPhysicianTurnsItOnAndIsAskedForTheCodeAtTheNextSignIn() throws Exception {
		UserId user = fixtures.user("Dr Browser Factor");
		String username = fixtures.usernameOf(user);
		Page page = browser.newPage();
		logIn(page, username, Fixtures.PASSWORD);

		page.navigate(url("/my/profile"));
		page.click("#two-factor-link");
		page.click("#set-up-totp");
		assertThat(page.locator(".qr svg").boundingBox().width).isBetween(100.0, 300.0);
		String secret = page.locator("#totp-secret").textContent().strip();
		screenshot(page, "two-factor-enrolment");
		long step = Instant.now().getEpochSecond() / 30;
		page.fill("#code", code(secret, step));
		page.click("#confirm-totp");
		assertThat(page.locator("#two-factor-state").textContent()).startsWith("Two-factor sign-in is on");
		page.click("#logout");

		page.navigate(url("/explore"));
		page.fill("#username", username);
		page.fill("#password", Fixtures.PASSWORD);
		page.click("#login");
		page.waitForURL("**/login?second-factor");
		assertThat(page.locator("[role=alert]").textContent()).contains("Your account asks for a second factor");
		page.fill("#username", username);
		page.fill("#password", Fixtures.PASSWORD);
		page.fill("#code", code(secret, step + 1));
		page.click("#login");
		page.waitForURL("**/explore");
		page.context().close();
	}

	private static void screenshot(Page page, String name) {
		// every page a journey pictures is checked by axe-core first (decision 063)
		Accessibility.check(page);
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
			.setFullPage(true));
	}

	private static String code(String secret, long step) throws Exception {
		return new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
				new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), Instant.ofEpochSecond(step * 30),
				Locale.ROOT);
	}

}
