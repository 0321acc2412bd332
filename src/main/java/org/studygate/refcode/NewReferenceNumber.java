package org.studygate.refcode;

import java.time.LocalDate;

import org.studygate.InvalidInputException;

/**
 * A reference number delivered by a RIS or asked for by a source admin
 * (docs/product/09-api-contract.md: {@code {code?, validFrom?, validTo?}}); dates are
 * days in the department's time zone, the code valid from the start of the first to the
 * end of the last.
 *
 * @param code the RIS's own code, {@code null} to let Studygate generate one
 */
public record NewReferenceNumber(String code, LocalDate validFrom, LocalDate validTo) {

	public NewReferenceNumber {
		if (code != null) {
			code = Codes.normalize(code);
			if (code.isEmpty()) {
				code = null;
			}
			else if (code.length() < 4 || code.length() > 64 || !code.chars().allMatch(c -> c > 32 && c < 127)) {
				throw new InvalidInputException("code", "must be 4 to 64 letters or digits");
			}
		}
		if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
			throw new InvalidInputException("validTo", "must not be before validFrom");
		}
	}

	@Override
	public String toString() {
		return "NewReferenceNumber[code=" + (code == null ? "none" : "(hidden)") + ", validFrom=" + validFrom
				+ ", validTo=" + validTo + "]";
	}

}
