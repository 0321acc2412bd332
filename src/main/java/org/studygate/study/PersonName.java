package org.studygate.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A person's name as DICOM and HL7 carry it ({@code Family^Given^Middle^Prefix^Suffix})
 * and as people read it ({@code Family, Given Middle}). A DICOM name may have three
 * component groups separated by {@code =} (PS3.5 6.2.1): alphabetic, ideographic and
 * phonetic ({@code Yamada^Tarou=山田^太郎=やまだ^たろう}); the alphabetic one is shown, the others
 * are offered beside it.
 */
public record PersonName(String value) {

	public String display() {
		if (value == null) {
			return null;
		}
		List<String> groups = groups();
		if (groups.isEmpty()) {
			return value.contains("^") || value.contains("=") ? "" : value;
		}
		return readable(groups.get(0));
	}

	/**
	 * The component groups after the one shown, as people read them ("山田, 太郎"), for a
	 * hover text; empty when the name has one group.
	 */
	public List<String> otherGroups() {
		List<String> groups = groups();
		return groups.isEmpty() ? List.of()
				: groups.subList(1, groups.size()).stream().map(PersonName::readable).toList();
	}

	/**
	 * The non-empty component groups in DICOM order: alphabetic, ideographic, phonetic.
	 */
	List<String> groups() {
		if (value == null) {
			return List.of();
		}
		List<String> groups = new ArrayList<>();
		for (String group : value.split("=", -1)) {
			if (!group.replace("^", "").isBlank()) {
				groups.add(group);
			}
		}
		return groups;
	}

	private static String readable(String group) {
		if (!group.contains("^")) {
			return group.strip();
		}
		String[] parts = group.split("\\^", -1);
		String family = parts[0].strip();
		String rest = Arrays.stream(parts, 1, Math.min(parts.length, 3))
			.map(String::strip)
			.filter(part -> !part.isEmpty())
			.collect(Collectors.joining(" "));
		if (family.isEmpty()) {
			return rest;
		}
		return rest.isEmpty() ? family : family + ", " + rest;
	}

	/**
	 * The initials, given names first ("Peeters^Ann" gives "A.P."): all that a
	 * notification mail may carry of a patient's name.
	 */
	public String initials() {
		if (value == null || value.isBlank()) {
			return "";
		}
		List<String> groups = groups();
		String[] parts = (groups.isEmpty() ? "" : groups.get(0)).split("\\^", -1);
		StringBuilder initials = new StringBuilder();
		for (int i : new int[] { 1, 2, 0 }) {
			if (i < parts.length) {
				for (String word : parts[i].strip().split("[\\s-]+")) {
					if (!word.isEmpty()) {
						initials.appendCodePoint(Character.toUpperCase(word.codePointAt(0))).append('.');
					}
				}
			}
		}
		return initials.toString();
	}

}
