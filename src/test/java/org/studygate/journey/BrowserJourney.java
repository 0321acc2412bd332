package org.studygate.journey;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on a random port and one headless Chromium for the journeys of a class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class BrowserJourney {

	static Browser browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	/** Logs in through the form and waits for the explore page. */
	void logIn(Page page, String username, String password) {
		page.navigate(url("/explore"));
		Accessibility.check(page);
		page.fill("#username", username);
		page.fill("#password", password);
		page.click("#login");
		page.waitForURL("**/explore");
		Accessibility.check(page);
	}

	/**
	 * Fails on a serious or critical accessibility finding of the page as it is now
	 * (decision 063); called after each navigation of a journey.
	 */
	void accessible(Page page) {
		Accessibility.check(page);
	}

}
