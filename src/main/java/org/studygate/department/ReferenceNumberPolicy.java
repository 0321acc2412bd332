package org.studygate.department;

import org.studygate.InvalidInputException;

/**
 * A department's reference-number policy (docs/product/02-domain.md, 05-workflows.md,
 * 06-security.md): how codes are made and checked, how a patient proves who he is, what
 * he sees and for how long. Absent values take their defaults, so that settings stored
 * before a part existed keep working.
 *
 * @param alphabet the symbols codes are made of
 * @param length the number of symbols of a generated code
 * @param minimumEntropyBits the least entropy a compliant code has
 * @param verification the second step after code and birth date
 * @param patientScope what a patient sees: IMAGES or IMAGES_REPORT_READ
 * @param validityDefaultDays how long a new code is valid; 0 = no limit
 * @param validityMaximumDays the longest a code may be valid; 0 = no limit
 * @param generateOnArrival whether and how codes are made when a study arrives
 */
public record ReferenceNumberPolicy(String alphabet, Integer length, Integer minimumEntropyBits,
		Verification verification, PatientScope patientScope, Integer validityDefaultDays, Integer validityMaximumDays,
		Generation generateOnArrival) {

	/**
	 * 31 symbols without look-alikes: the digits 2–9 and the capitals without I, L and O.
	 */
	public static final String DEFAULT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

	/** How a patient proves, after code and birth date, that the code is his. */
	public enum Verification {

		DOB_ONLY, OTP_SMS, OTP_EMAIL, PAYMENT_PINCODE

	}

	/** What a patient signed in with a code may see. */
	public enum PatientScope {

		IMAGES, IMAGES_REPORT_READ

	}

	/**
	 * When codes are made for arriving studies: never, one per study, or one per order.
	 */
	public enum Generation {

		NONE, PER_STUDY, PER_ORDER

	}

	public ReferenceNumberPolicy {
		alphabet = alphabet == null || alphabet.isBlank() ? DEFAULT_ALPHABET : alphabet.strip();
		length = length == null ? 10 : length;
		minimumEntropyBits = minimumEntropyBits == null ? 50 : minimumEntropyBits;
		verification = verification == null ? Verification.DOB_ONLY : verification;
		patientScope = patientScope == null ? PatientScope.IMAGES : patientScope;
		validityDefaultDays = validityDefaultDays == null ? 0 : validityDefaultDays;
		validityMaximumDays = validityMaximumDays == null ? 0 : validityMaximumDays;
		generateOnArrival = generateOnArrival == null ? Generation.NONE : generateOnArrival;
		if (alphabet.codePoints().distinct().count() != alphabet.length() || alphabet.length() < 2
				|| !alphabet.chars().allMatch(c -> c > 32 && c < 127)) {
			throw new InvalidInputException("alphabet", "must hold at least 2 distinct printable ASCII symbols");
		}
		if (length < 4 || length > 64) {
			throw new InvalidInputException("length", "must be between 4 and 64");
		}
		if (minimumEntropyBits < 0 || minimumEntropyBits > 256) {
			throw new InvalidInputException("minimumEntropyBits", "must be between 0 and 256");
		}
		if (validityDefaultDays < 0 || validityMaximumDays < 0) {
			throw new InvalidInputException("validityDefaultDays", "must not be negative");
		}
		if (validityMaximumDays > 0 && (validityDefaultDays == 0 || validityDefaultDays > validityMaximumDays)) {
			throw new InvalidInputException("validityDefaultDays", "must be set and not exceed the maximum");
		}
	}

	public static ReferenceNumberPolicy defaults() {
		return new ReferenceNumberPolicy(null, null, null, null, null, null, null, null);
	}

	/**
	 * The entropy of a code of {@code length} symbols drawn from an alphabet of
	 * {@code symbols}, in whole bits (rounded): docs/product/06-security.md counts 10
	 * symbols of 31 (49.5 bits) as the 50 bits of the default.
	 */
	public static long entropyBits(int symbols, int length) {
		return Math.round(length * (Math.log(symbols) / Math.log(2)));
	}

	/** Whether the policy's own generated codes are compliant with it. */
	public boolean generatesCompliantCodes() {
		return entropyBits(alphabet.length(), length) >= minimumEntropyBits;
	}

	/**
	 * Whether a code complies with this policy now: made only of the alphabet's symbols
	 * and long enough to carry the minimum entropy over that alphabet.
	 */
	public boolean complies(String code) {
		if (code == null || code.isEmpty()) {
			return false;
		}
		boolean inAlphabet = true;
		for (int i = 0; i < code.length(); i++) {
			inAlphabet &= alphabet.indexOf(code.charAt(i)) >= 0;
		}
		return inAlphabet && entropyBits(alphabet.length(), code.length()) >= minimumEntropyBits;
	}

}
