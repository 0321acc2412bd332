package org.studygate.study;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A name as the explore filter compares it: decomposed (Unicode NFD), without its
 * combining marks, with the few Latin letters that have no decomposition spelled out (ß,
 * æ, œ, ø, ł, đ, ı), in lower case; so "Müller" is found by "muller", "Jérôme" by
 * "jerome" and "Łukasz" by "lukasz", whatever the language of the page
 * (docs/decisions/048-character-sets-and-accent-insensitive-search.md). Every combining
 * mark goes, also Arabic and Hebrew vowel signs and the kana voicing marks: the filter
 * finds more, never less.
 */
final class SearchKey {

	private static final Pattern MARKS = Pattern.compile("\\p{Mn}+");

	private static final Map<String, String> LETTERS = Map.ofEntries(Map.entry("ß", "ss"), Map.entry("æ", "ae"),
			Map.entry("Æ", "ae"), Map.entry("œ", "oe"), Map.entry("Œ", "oe"), Map.entry("ø", "o"), Map.entry("Ø", "o"),
			Map.entry("ł", "l"), Map.entry("Ł", "l"), Map.entry("đ", "d"), Map.entry("Đ", "d"), Map.entry("ı", "i"));

	private SearchKey() {
	}

	static String of(String text) {
		if (text == null) {
			return "";
		}
		String key = Normalizer.normalize(MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll(""),
				Normalizer.Form.NFC);
		for (Map.Entry<String, String> letter : LETTERS.entrySet()) {
			key = key.replace(letter.getKey(), letter.getValue());
		}
		return key.toLowerCase(Locale.ROOT);
	}

	/**
	 * The key of a person name's ideographic (1) or phonetic (2) component group,
	 * {@code null} when it has none.
	 */
	static String ofGroup(String personName, int group) {
		if (personName == null) {
			return null;
		}
		String[] groups = personName.split("=", -1);
		return groups.length > group && !groups[group].replace("^", "").isBlank() ? of(groups[group]) : null;
	}

}
