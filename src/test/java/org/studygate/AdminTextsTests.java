package org.studygate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Administration pages speak four languages and carry no text of their own. */
class AdminTextsTests {

	private static final Pattern LITERAL = Pattern.compile(">\\s*([^<>\\s][^<>]*?)\\s*<");

	@ParameterizedTest
	@ValueSource(strings = { "nl", "fr", "de" })
	void everyAdminTextIsTranslated(String language) throws IOException {
		Properties english = load("i18n/admin.properties");
		Properties translated = load("i18n/admin_" + language + ".properties");

		assertThat(translated.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
		assertThat(translated.stringPropertyNames())
			.allSatisfy(key -> assertThat(translated.getProperty(key)).isNotBlank());
	}

	@Test
	void administrationTemplatesHaveNoLiteralText() throws IOException {
		List<Path> templates;
		try (Stream<Path> files = Stream.of("admin", "my")
			.map(dir -> Path.of("src/main/resources/templates", dir))
			.flatMap(AdminTextsTests::list)) {
			templates = Stream.concat(files, Stream.of(Path.of("src/main/resources/templates/fragments/group.html")))
				.toList();
		}
		assertThat(templates).isNotEmpty();
		for (Path template : templates) {
			String html = Files.readString(template);
			Matcher literal = LITERAL.matcher(html);
			while (literal.find()) {
				String tag = html.substring(html.lastIndexOf('<', literal.start()), literal.start() + 1);
				assertThat(tag.contains("th:text") || tag.contains("th:utext"))
					.as("%s has literal text '%s'", template, literal.group(1))
					.isTrue();
			}
		}
	}

	private static Stream<Path> list(Path dir) {
		try {
			return Files.list(dir).filter(p -> p.toString().endsWith(".html")).toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = AdminTextsTests.class.getClassLoader().getResourceAsStream(resource)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
