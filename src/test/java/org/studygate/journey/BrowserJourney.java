package org.studygate.journey;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
		// the cost of the checks, for BENCHMARKS.md
		System.out.println("journey accessibility: " + Accessibility.timing());
		browser.close();
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	/**
	 * Fails the journey on a serious or critical accessibility finding of any page it
	 * loaded (decisions 063 and 064).
	 */
	@AfterEach
	void everyPageLoadedWasAccessible() {
		Accessibility.verifyWatched();
	}

	/** Logs in through the form and waits for the explore page. */
	void logIn(Page page, String username, String password) {
		page.navigate(url("/explore"));
		page.fill("#username", username);
		page.fill("#password", password);
		page.click("#login");
		page.waitForURL("**/explore");
	}

	/**
	 * Fails on a serious or critical accessibility finding of the page as it is now
	 * (decision 063): for a state the page reached without loading (a dialog, a table
	 * swapped by a script); every load is checked by itself.
	 */
	void accessible(Page page) {
		Accessibility.check(page);
	}

}
