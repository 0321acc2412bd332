package org.studygate.study;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A name as the explore filter compares it: decomposed (Unicode NFD), without its
 * combining marks, in lower case, so that "Müller" is found by "muller" and "Jérôme" by
 * "jerome" whatever the language of the page
 * (docs/decisions/048-character-sets-and-accent-insensitive-search.md).
 */
final class SearchKey {

	private static final Pattern MARKS = Pattern.compile("\\p{Mn}+");

	private SearchKey() {
	}

	static String of(String text) {
		if (text == null) {
			return "";
		}
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		return Normalizer.normalize(MARKS.matcher(decomposed).replaceAll(""), Normalizer.Form.NFC)
			.toLowerCase(Locale.ROOT);
	}

}
