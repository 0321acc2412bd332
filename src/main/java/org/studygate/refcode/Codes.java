package org.studygate.refcode;

import java.security.SecureRandom;
import java.util.Locale;

/** How codes are written and made. */
final class Codes {

	private Codes() {
	}

	/** A code as typed or sent: spaces and dashes dropped, letters in capitals. */
	static String normalize(String code) {
		if (code == null) {
			return "";
		}
		StringBuilder clean = new StringBuilder(code.length());
		for (int i = 0; i < code.length() && clean.length() <= 128; i++) {
			char c = code.charAt(i);
			if (!Character.isWhitespace(c) && c != '-') {
				clean.append(c);
			}
		}
		return clean.toString().toUpperCase(Locale.ROOT);
	}

	/** A code of {@code length} symbols drawn uniformly from the alphabet. */
	static String generate(SecureRandom random, String alphabet, int length) {
		StringBuilder code = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			code.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return code.toString();
	}

	/** The digits of a typed one-time password or pincode, anything else dropped. */
	static String digitsOnly(String value) {
		return value == null ? "" : value.replaceAll("[^0-9]", "");
	}

	/** One dot per symbol. */
	static String masked(int length) {
		return "\u2022".repeat(length);
	}

	/** A number of {@code digits} digits, leading zeros kept. */
	static String digits(SecureRandom random, int digits) {
		StringBuilder value = new StringBuilder(digits);
		for (int i = 0; i < digits; i++) {
			value.append((char) ('0' + random.nextInt(10)));
		}
		return value.toString();
	}

}
