package org.studygate.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page text comes from the message bundles, and every bundle is complete in EN, NL,
 * FR and DE. Reads the files themselves, so that it needs no application context.
 */
class TranslationTests {

	private static final List<String> BASENAMES = List.of("i18n/messages", "i18n/admin", "i18n/auth", "i18n/access",
			"i18n/audit", "i18n/breakglass", "i18n/refcode", "i18n/archive", "i18n/rsw", "i18n/bucket", "i18n/transfer",
			"i18n/membership", "i18n/ris", "i18n/atna");

	private static final List<String> LANGUAGES = List.of("en", "nl", "fr", "de");

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Pattern TAG = Pattern
		.compile("<!--.*?-->|<(/?)([A-Za-z][\\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>|<![^>]*>", Pattern.DOTALL);

	private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s\"'>]+)");

	private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
			"meta", "source", "track", "wbr");

	private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "data-th-text",
			"data-th-utext", "data-th-replace");

	private static final Set<String> VISIBLE_ATTRIBUTES = Set.of("placeholder", "title", "alt", "aria-label");

	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");

	private static final Pattern LAYOUT_TITLE = Pattern.compile("fragments/layout :: layout \\('([^']+)'");

	@Test
	void everyBundleHasTheSameKeysInEveryLanguage() {
		List<String> gaps = new ArrayList<>();
		for (String basename : BASENAMES) {
			Set<String> all = new TreeSet<>();
			for (String language : LANGUAGES) {
				all.addAll(keys(basename, language));
			}
			for (String language : LANGUAGES) {
				Set<String> missing = new TreeSet<>(all);
				missing.removeAll(keys(basename, language));
				missing.forEach(key -> gaps.add(file(basename, language) + ": " + key));
			}
		}
		assertThat(gaps).as("keys missing in a language").isEmpty();
	}

	@Test
	void noMessageIsLeftEmpty() {
		List<String> empty = new ArrayList<>();
		for (String basename : BASENAMES) {
			for (String language : LANGUAGES) {
				Properties messages = load(file(basename, language));
				messages.stringPropertyNames()
					.stream()
					.filter(key -> messages.getProperty(key).isBlank())
					.forEach(key -> empty.add(file(basename, language) + ": " + key));
			}
		}
		assertThat(empty).isEmpty();
	}

	@Test
	void templatesShowNoLiteralText() {
		List<String> literals = new ArrayList<>();
		templates().forEach(template -> literals.addAll(literalTexts(template)));
		assertThat(literals).as("visible text not taken from a message key").isEmpty();
	}

	@Test
	void everyMessageKeyOfATemplateExistsInEnglish() {
		Set<String> english = new HashSet<>();
		BASENAMES.forEach(basename -> english.addAll(keys(basename, "en")));
		List<String> unknown = new ArrayList<>();
		templates().forEach(template -> {
			String html = read(template);
			for (Pattern pattern : List.of(MESSAGE_KEY, LAYOUT_TITLE)) {
				Matcher matcher = pattern.matcher(html);
				while (matcher.find()) {
					String key = matcher.group(1);
					if (!english.contains(key)) {
						unknown.add(TEMPLATES.relativize(template) + ": " + key);
					}
				}
			}
		});
		assertThat(unknown).isEmpty();
	}

	@Test
	void detectsLiteralTextAndLiteralVisibleAttributes() throws IOException {
		Path template = Files.createTempFile("literal", ".html");
		try {
			Files.writeString(template, """
					<main>
					  <h1 th:text="#{a.title}">Placeholder is replaced</h1>
					  <p>Hello <span th:text="${name}">name</span> — !</p>
					  <input type="text" placeholder="Your name">
					  <img th:src="@{/x.png}" th:alt="#{a.alt}">
					  <br>
					  <p th:replace="~{x :: y}">Replaced <b>entirely</b></p>
					  <!-- a comment with words -->
					</main>
					""");

			assertThat(literalTexts(template)).hasSize(2)
				.anySatisfy(literal -> assertThat(literal).contains("Hello"))
				.anySatisfy(literal -> assertThat(literal).contains("placeholder=\"Your name\""));
		}
		finally {
			Files.delete(template);
		}
	}

	private static List<String> literalTexts(Path template) {
		String html = read(template);
		String name = template.startsWith(TEMPLATES) ? TEMPLATES.relativize(template).toString()
				: template.getFileName().toString();
		List<String> found = new ArrayList<>();
		record Open(String name, boolean replaced) {
		}
		Deque<Open> open = new ArrayDeque<>();
		Matcher tag = TAG.matcher(html);
		int end = 0;
		while (tag.find()) {
			checkText(html.substring(end, tag.start()), open.isEmpty() ? false : open.peek().replaced(), name, found);
			end = tag.end();
			String element = tag.group(2);
			if (element == null) {
				continue;
			}
			element = element.toLowerCase();
			if (!tag.group(1).isEmpty()) {
				while (!open.isEmpty() && !open.pop().name().equals(element)) {
					// close elements left open inside this one
				}
				continue;
			}
			boolean replaced = !open.isEmpty() && open.peek().replaced();
			Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
			while (attribute.find()) {
				String attributeName = attribute.group(1).toLowerCase();
				replaced |= REPLACING.contains(attributeName);
				if (VISIBLE_ATTRIBUTES.contains(attributeName)) {
					found.add(name + ": literal attribute " + attribute.group());
				}
			}
			if (tag.group(4).isEmpty() && !VOID.contains(element)) {
				open.push(new Open(element, replaced));
			}
		}
		checkText(html.substring(end), false, name, found);
		return found;
	}

	private static void checkText(String text, boolean replaced, String template, List<String> found) {
		if (!replaced && text.codePoints().anyMatch(Character::isLetterOrDigit)) {
			found.add(template + ": literal text \"" + text.strip() + "\"");
		}
	}

	private static Stream<Path> templates() {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter(path -> path.toString().endsWith(".html")).toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Set<String> keys(String basename, String language) {
		return load(file(basename, language)).stringPropertyNames();
	}

	private static String file(String basename, String language) {
		return basename + ("en".equals(language) ? "" : "_" + language) + ".properties";
	}

	private static Properties load(String resource) {
		try (InputStream in = TranslationTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			Properties properties = new Properties();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			return properties;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
