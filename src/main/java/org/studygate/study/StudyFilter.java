package org.studygate.study;

import java.time.LocalDate;
import java.util.Locale;

import org.studygate.InvalidInputException;

/**
 * The explore filters; each blank part matches everything.
 *
 * @param patient a patient ID (exact) or the start of the patient's name
 * @param from first study date, inclusive
 * @param to last study date, inclusive
 * @param departmentCode the sending department's code
 */
public record StudyFilter(String patient, LocalDate from, LocalDate to, String modality, String departmentCode,
		String accession) {

	public StudyFilter {
		patient = trimmed(patient, 100, "patient");
		modality = trimmed(modality, 16, "modality");
		modality = modality == null ? null : modality.toUpperCase(Locale.ROOT);
		departmentCode = trimmed(departmentCode, 32, "department");
		departmentCode = departmentCode == null ? null : departmentCode.toUpperCase(Locale.ROOT);
		accession = trimmed(accession, 64, "accession");
		if (from != null && to != null && from.isAfter(to)) {
			throw new InvalidInputException("from", "must not be after 'to'");
		}
	}

	public static StudyFilter none() {
		return new StudyFilter(null, null, null, null, null, null);
	}

	public boolean isEmpty() {
		return patient == null && from == null && to == null && modality == null && departmentCode == null
				&& accession == null;
	}

	private static String trimmed(String value, int max, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.length() > max) {
			throw new InvalidInputException(field, "must have at most " + max + " characters");
		}
		return trimmed;
	}

}
