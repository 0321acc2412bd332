package org.studygate.department;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.studygate.InvalidInputException;

/**
 * How the department's RIS messages are recognised and read (docs/guide/ris-interface.md,
 * decision 053): the sending facilities (MSH-4) that stand for the department besides its
 * code, and the field whose value {@code Y} makes an order's study require payment.
 * Absent values take their defaults: no other facility, {@code ZPY-1}.
 *
 * @param sendingFacilities other MSH-4 values of the department (upper case, unique
 * across departments; at most 20)
 * @param paymentField a segment and field number, e.g. {@code ZPY-1}, {@code ZPY-2},
 * {@code PV1-20}
 */
public record RisSettings(List<String> sendingFacilities, String paymentField) {

	/** The payment field when the department names none. */
	public static final String DEFAULT_PAYMENT_FIELD = "ZPY-1";

	private static final Pattern FACILITY = Pattern.compile("^[A-Z0-9](?:[A-Z0-9 ._-]{0,62}[A-Z0-9._-])?$");

	private static final Pattern FIELD = Pattern.compile("^[A-Z][A-Z0-9]{2}-[1-9][0-9]{0,2}$");

	public RisSettings {
		List<String> facilities = new ArrayList<>();
		for (String facility : sendingFacilities == null ? List.<String>of() : sendingFacilities) {
			String normal = facility == null ? "" : facility.strip().toUpperCase(Locale.ROOT);
			if (!FACILITY.matcher(normal).matches()) {
				throw new InvalidInputException("sendingFacilities",
						"each must be 1 to 64 letters, digits, spaces, '.', '-' or '_'");
			}
			if (!facilities.contains(normal)) {
				facilities.add(normal);
			}
		}
		if (facilities.size() > 20) {
			throw new InvalidInputException("sendingFacilities", "must be at most 20");
		}
		sendingFacilities = List.copyOf(facilities);
		paymentField = paymentField == null || paymentField.isBlank() ? DEFAULT_PAYMENT_FIELD
				: paymentField.strip().toUpperCase(Locale.ROOT);
		if (!FIELD.matcher(paymentField).matches()) {
			throw new InvalidInputException("paymentField", "must be a segment and field number such as ZPY-1");
		}
	}

	public static RisSettings defaults() {
		return new RisSettings(null, null);
	}

}
