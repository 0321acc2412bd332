package org.studygate.study;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A person's name as DICOM and HL7 carry it ({@code Family^Given^Middle^Prefix^Suffix})
 * and as people read it ({@code Family, Given Middle}).
 */
public record PersonName(String value) {

	public String display() {
		if (value == null || !value.contains("^")) {
			return value;
		}
		String[] parts = value.split("\\^", -1);
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
		String[] parts = value.split("\\^", -1);
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
