package org.studygate.journey;

import java.util.Map;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journeys' central check (decision 064) catches a page that loads with a serious
 * finding without the journey asking for a check, whether it was opened or reached by a
 * click, and lets an accessible page pass. No application is needed: the browser is
 * served pages of the test's own.
 */
class AccessibilityWatchTests {

	static final Map<String, String> PAGES = Map.of("/unlabelled-image", page("<img src='/x.png'>"), "/start",
			page("<a id='next' href='/nameless-button'>Next</a>"), "/nameless-button", page("<button></button>"),
			"/fine", page("<img src='/x.png' alt='A chart'>"));

	static Browser browser;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@Test
	void aLoadedPageWithAnImageWithoutTextFailsTheJourneyWhenItEnds() {
		Page page = served();
		page.navigate("http://journey.test/unlabelled-image");
		assertThat(page.title()).isEqualTo("Page");

		assertThatThrownBy(Accessibility::verifyWatched).isInstanceOf(AssertionError.class)
			.hasMessageContaining("image-alt")
			.hasMessageContaining("/unlabelled-image");
		page.context().close();
	}

	@Test
	void aPageReachedByAClickIsCheckedToo() {
		Page page = served();
		page.navigate("http://journey.test/start");
		page.click("#next");
		page.waitForURL("**/nameless-button");

		assertThatThrownBy(Accessibility::verifyWatched).isInstanceOf(AssertionError.class)
			.hasMessageContaining("button-name")
			.hasMessageContaining("/nameless-button");
		page.context().close();
	}

	@Test
	void anAccessiblePagePasses() {
		Accessibility.timing();
		Page page = served();
		page.navigate("http://journey.test/fine");

		Accessibility.verifyWatched();
		assertThat(Accessibility.timing()).as("the page was checked").startsWith("1 axe-core checks");
		page.context().close();
	}

	private static Page served() {
		Page page = browser.newPage();
		page.context().route("http://journey.test/**", AccessibilityWatchTests::fulfil);
		return page;
	}

	private static void fulfil(Route route) {
		String path = java.net.URI.create(route.request().url()).getPath();
		String html = PAGES.get(path);
		if (html == null) {
			route.fulfill(new Route.FulfillOptions().setStatus(404).setContentType("image/png").setBody(""));
			return;
		}
		route.fulfill(new Route.FulfillOptions().setContentType("text/html").setBody(html));
	}

	private static String page(String body) {
		return "<!DOCTYPE html><html lang='en'><head><title>Page</title></head><body><main><h1>Page</h1>" + body
				+ "</main></body></html>";
	}

}
