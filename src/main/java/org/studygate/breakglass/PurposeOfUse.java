package org.studygate.breakglass;

import java.util.Locale;

import org.studygate.InvalidInputException;

/**
 * Why an unlock is needed, as a code of HL7 v3 ActReason (the purpose-of-use value set),
 * so that the access log and its FHIR AuditEvent export carry a standard purpose of
 * event. Pages show each code with a translated label.
 */
public enum PurposeOfUse {

	/** Emergency treatment. */
	ETREAT,
	/** Break the glass: access for reasons the usual rules do not foresee. */
	BTG,
	/** Treatment. */
	TREAT,
	/** Care management. */
	CAREMGT,
	/** Requested by the patient. */
	PATRQT;

	/** The code a client sent; anything else is invalid input. */
	public static PurposeOfUse parse(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("purpose", "is required (ETREAT, BTG, TREAT, CAREMGT or PATRQT)");
		}
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("purpose", "must be one of ETREAT, BTG, TREAT, CAREMGT, PATRQT");
		}
	}

}
