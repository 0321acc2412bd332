package org.studygate.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core in the browser journeys (decision 063): the npm package's {@code axe.min.js},
 * fetched once with {@code npm pack} into the cache shared with the OHIF viewer
 * ({@code ~/.cache/studygate}, or {@code STUDYGATE_AXE_JS}), is injected into the page
 * and run; a serious or critical violation fails the journey, naming the rule and the
 * elements.
 * <p>
 * Every page a journey loads is checked, once, from the page's {@code load} event
 * ({@link #watch(Page)}, set up by {@link Browser} for every page of every context); a
 * finding is kept and the journey fails with it when it ends ({@link #verifyWatched()}).
 * A state a page reaches without loading (a dialog, a viewer opened by a click) is
 * checked by calling {@link #check(Page)} where the journey reaches it.
 */
final class Accessibility {

	static final String VERSION = "4.14.1";

	/**
	 * Rules not applied under a path prefix, each for a reason that lies outside the
	 * project: the OHIF viewer's own build at {@code /viewer/}, served unchanged
	 * (decision 064, docs/guide/accessibility.md). Its toolbar's icon buttons and menus
	 * have no names ({@code button-name}) and carry ARIA attributes their roles do not
	 * allow ({@code aria-allowed-attr}), its thumbnails nest buttons in buttons
	 * ({@code nested-interactive}), and it renders an image without a text alternative
	 * ({@code image-alt}); Studygate's own start script adds no element.
	 */
	static final Map<String, Set<String>> EXCLUSIONS = Map.of("/viewer/",
			Set.of("button-name", "aria-allowed-attr", "nested-interactive", "image-alt"));

	/**
	 * Origins whose pages are not Studygate's (an identity provider's sign-in form): a
	 * journey passes through them, but they are not checked.
	 */
	private static final Set<String> foreign = new java.util.concurrent.CopyOnWriteArraySet<>();

	private static final List<String> findings = new ArrayList<>();

	private static final List<Page> watched = new ArrayList<>();

	private static String script;

	private static int checks;

	private static long checkNanos;

	private Accessibility() {
	}

	/**
	 * Runs axe-core on the page as it is now and fails on a serious or critical finding.
	 */
	static void check(Page page) {
		assertThat(violations(page)).as("axe-core on " + page.url()).isEmpty();
	}

	/**
	 * Pages at this origin ({@code http://host:port}) are someone else's: not checked.
	 */
	static void notOurs(String origin) {
		foreign.add(origin);
	}

	/** Checks the page after each load it makes, HTML documents only. */
	static synchronized void watch(Page page) {
		if (!watched.contains(page)) {
			watched.add(page);
			page.onLoad(Accessibility::loaded);
		}
	}

	/**
	 * Lets the pages still open deliver their last load, then fails with every finding
	 * since the last call.
	 */
	static void verifyWatched() {
		List<Page> open;
		synchronized (Accessibility.class) {
			open = watched.stream().filter(p -> !p.isClosed()).toList();
			watched.clear();
		}
		open.forEach(Accessibility::settle);
		List<String> found;
		synchronized (Accessibility.class) {
			found = List.copyOf(findings);
			findings.clear();
		}
		assertThat(found).as("axe-core on the pages the journey loaded").isEmpty();
	}

	private static void settle(Page page) {
		try {
			page.waitForLoadState();
			page.title();
		}
		catch (PlaywrightException ex) {
			// closed meanwhile: its loads were delivered when it was last used
		}
	}

	private static void loaded(Page page) {
		List<String> found;
		if (foreign.stream().anyMatch(origin -> page.url().startsWith(origin + "/"))) {
			return;
		}
		try {
			if (!"text/html".equals(page.evaluate("document.contentType"))) {
				return;
			}
			found = violations(page);
		}
		catch (PlaywrightException ex) {
			// the page went on to another document, whose own load is checked
			return;
		}
		if (!found.isEmpty()) {
			synchronized (Accessibility.class) {
				findings.add(page.url() + ": " + found);
			}
		}
	}

	/** How many checks ran and how long they took, since the last call. */
	static synchronized String timing() {
		String timing = checks + " axe-core checks, " + checkNanos / 1_000_000 + " ms";
		checks = 0;
		checkNanos = 0;
		return timing;
	}

	private static List<String> violations(Page page) {
		long start = System.nanoTime();
		try {
			return run(page);
		}
		finally {
			synchronized (Accessibility.class) {
				checks++;
				checkNanos += System.nanoTime() - start;
			}
		}
	}

	private static List<String> run(Page page) {
		page.evaluate(script());
		String path = java.net.URI.create(page.url()).getPath();
		List<String> skipped = EXCLUSIONS.entrySet()
			.stream()
			.filter(e -> path != null && path.startsWith(e.getKey()))
			.flatMap(e -> e.getValue().stream())
			.toList();
		Object found = page.evaluate("""
				async (skipped) => {
				  const rules = Object.fromEntries(skipped.map(id => [id, { enabled: false }]));
				  const result = await axe.run(document, { resultTypes: ['violations'], rules });
				  return result.violations
				    .filter(v => v.impact === 'serious' || v.impact === 'critical')
				    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '));
				}
				""", skipped);
		return ((List<?>) found).stream().map(String::valueOf).toList();
	}

	private static synchronized String script() {
		if (script == null) {
			try {
				script = Files.readString(file());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return script;
	}

	private static Path file() throws IOException {
		String configured = System.getenv("STUDYGATE_AXE_JS");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		Path dir = Path.of(System.getProperty("user.home"), ".cache", "studygate", "axe-core-" + VERSION);
		Path file = dir.resolve("axe.min.js");
		if (!Files.isRegularFile(file)) {
			fetch(dir, file);
		}
		return file;
	}

	/** npm checks the package against the registry's integrity hash. */
	private static void fetch(Path dir, Path file) throws IOException {
		Files.createDirectories(dir);
		Path work = Files.createTempDirectory(dir.getParent(), ".axe-");
		try {
			run(work, "npm", "pack", "--silent", "axe-core@" + VERSION);
			run(work, "tar", "xzf", "axe-core-" + VERSION + ".tgz", "package/axe.min.js");
			Files.move(work.resolve("package/axe.min.js"), file);
		}
		finally {
			try (var paths = Files.walk(work)) {
				paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	private static void run(Path dir, String... command) throws IOException {
		try {
			Process process = new ProcessBuilder(command).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (process.waitFor() != 0) {
				throw new IOException(String.join(" ", command) + " failed: axe-core is needed by the journeys");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

}
