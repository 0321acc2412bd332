package org.studygate.department;

/**
 * A department's reference-number policy (SPEC §2, §6): how codes are made and checked. Absent
 * values take their defaults.
 *
 * @param alphabet the symbols codes are made of
 * @param length the number of symbols of a generated code
 * @param minimumEntropyBits the least entropy a compliant code has
 */
public record ReferenceNumberPolicy(String alphabet, Integer length, Integer minimumEntropyBits) {

	/** 31 symbols without look-alikes: the digits 2–9 and the capitals without I, L and O. */
	public static final String DEFAULT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

	public ReferenceNumberPolicy {
		alphabet = alphabet == null || alphabet.isBlank() ? DEFAULT_ALPHABET : alphabet;
		length = length == null ? 10 : length;
		minimumEntropyBits = minimumEntropyBits == null ? 50 : minimumEntropyBits;
	}

	public static ReferenceNumberPolicy defaults() {
		return new ReferenceNumberPolicy(null, null, null);
	}

}
