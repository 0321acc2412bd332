package org.studygate.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core in the browser journeys (decision 063): the npm package's {@code axe.min.js},
 * fetched once with {@code npm pack} into the cache shared with the OHIF viewer
 * ({@code ~/.cache/studygate}, or {@code STUDYGATE_AXE_JS}), is injected into the page
 * and run; a serious or critical violation fails the journey, naming the rule and the
 * elements.
 */
final class Accessibility {

	static final String VERSION = "4.14.1";

	private static String script;

	private Accessibility() {
	}

	/**
	 * Runs axe-core on the page as it is now and fails on a serious or critical finding.
	 */
	static void check(Page page) {
		page.evaluate(script());
		Object found = page.evaluate("""
				async () => {
				  const result = await axe.run(document, { resultTypes: ['violations'] });
				  return result.violations
				    .filter(v => v.impact === 'serious' || v.impact === 'critical')
				    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '));
				}
				""");
		assertThat((List<?>) found).as("axe-core on " + page.url()).isEmpty();
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
