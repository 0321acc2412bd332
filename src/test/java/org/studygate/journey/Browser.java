package org.studygate.journey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's headless Chromium driven by Playwright. Playwright never downloads a browser
 * here; the test script installs the {@code chromium} package.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	private final Playwright playwright;

	private final com.microsoft.playwright.Browser browser;

	private Browser() {
		if (!Files.isExecutable(CHROMIUM)) {
			throw new IllegalStateException("Chromium is not installed at " + CHROMIUM + "; run bin/test");
		}
		playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
				.setHeadless(true)
				.setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
	}

	static Browser start() {
		return new Browser();
	}

	/**
	 * A fresh browser context: its own cookies, English first; every page it opens is
	 * checked by axe-core after each load ({@link Accessibility#watch}).
	 */
	com.microsoft.playwright.Page newPage() {
		BrowserContext context = browser.newContext(new NewContextOptions().setLocale("en-GB"));
		context.onPage(Accessibility::watch);
		com.microsoft.playwright.Page page = context.newPage();
		Accessibility.watch(page);
		return page;
	}

	@Override
	public void close() {
		browser.close();
		playwright.close();
	}

}
