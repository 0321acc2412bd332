package org.studygate.study;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.studygate.InvalidInputException;

/**
 * A study as a RIS or an archive registers it (docs/product/09-api-contract.md,
 * {@code POST /api/v1/studies}). Each invalid field is reported by its JSON name.
 */
public record StudyRegistration(String studyInstanceUid, String accessionNumber, String departmentCode,
		LocalDate studyDate, LocalTime studyTime, String modality, String description, Integer seriesCount,
		Integer instanceCount, PatientData patient, OrderData order) {

	private static final Pattern UID = Pattern.compile("^[0-9]+(\\.[0-9]+)*$");

	private static final Pattern MODALITY = Pattern.compile("^[A-Z]{2,8}$");

	private static final Pattern IDENTIFIER = Pattern.compile("^[\\p{L}\\p{N} ._/:#-]{1,64}$");

	public StudyRegistration {
		if (studyInstanceUid == null || studyInstanceUid.length() > 64 || !UID.matcher(studyInstanceUid).matches()) {
			throw new InvalidInputException("studyInstanceUid", "must be a DICOM UID: digits and dots, at most 64");
		}
		if (accessionNumber != null && !accessionNumber.isBlank()
				&& (accessionNumber.length() > 16 || !IDENTIFIER.matcher(accessionNumber).matches())) {
			throw new InvalidInputException("accessionNumber", "must have at most 16 letters or digits");
		}
		accessionNumber = accessionNumber == null || accessionNumber.isBlank() ? null : accessionNumber.strip();
		if (departmentCode == null || departmentCode.isBlank()) {
			throw new InvalidInputException("departmentCode", "is required");
		}
		departmentCode = departmentCode.strip().toUpperCase(Locale.ROOT);
		if (studyDate == null) {
			throw new InvalidInputException("studyDate", "is required (YYYY-MM-DD)");
		}
		if (studyDate.getYear() < 1900 || studyDate.getYear() > 2999) {
			throw new InvalidInputException("studyDate", "is out of range");
		}
		modality = modality == null ? null : modality.strip().toUpperCase(Locale.ROOT);
		if (modality == null || !MODALITY.matcher(modality).matches()) {
			throw new InvalidInputException("modality", "must be a DICOM modality code such as CT, MR or US");
		}
		if (description != null && description.length() > 256) {
			throw new InvalidInputException("description", "must have at most 256 characters");
		}
		if (seriesCount != null && seriesCount < 0) {
			throw new InvalidInputException("numberOfSeries", "must not be negative");
		}
		if (instanceCount != null && instanceCount < 0) {
			throw new InvalidInputException("numberOfInstances", "must not be negative");
		}
		if (patient == null) {
			throw new InvalidInputException("patient", "is required");
		}
	}

	/** The patient of the study. */
	public record PatientData(String patientId, String name, LocalDate birthDate, String sex, String nationalId,
			String mobile, String email) {

		public PatientData {
			patientId = patientId == null || patientId.isBlank() ? null : patientId.strip();
			if (patientId != null && (patientId.length() > 64 || patientId.chars().anyMatch(Character::isISOControl))) {
				throw new InvalidInputException("patient.patientId", "must have at most 64 letters or digits");
			}
			name = name == null || name.isBlank() ? null : name.strip();
			if (name != null && name.length() > 200) {
				throw new InvalidInputException("patient.name", "must have at most 200 characters");
			}
			if (birthDate != null && birthDate.getYear() < 1850) {
				throw new InvalidInputException("patient.birthDate", "is out of range");
			}
			sex = sex == null || sex.isBlank() ? null : sex.strip().toUpperCase(Locale.ROOT);
			if (sex != null && !List.of("M", "F", "O").contains(sex)) {
				throw new InvalidInputException("patient.sex", "must be M, F or O");
			}
			if (nationalId != null && nationalId.length() > 32) {
				throw new InvalidInputException("patient.nationalId", "must have at most 32 characters");
			}
			if (mobile != null && !mobile.isBlank() && !mobile.matches("^\\+?[0-9 ]{6,20}$")) {
				throw new InvalidInputException("patient.mobile", "must be a phone number");
			}
			if (email != null && !email.isBlank() && (!email.contains("@") || email.length() > 254)) {
				throw new InvalidInputException("patient.email", "must be an e-mail address");
			}
		}

		/**
		 * What a RIS must send: an identified patient with a name and a birth date. The
		 * archive registers what it holds without them (docs/guide/image-archive.md).
		 */
		void requireComplete() {
			if (patientId == null || !IDENTIFIER.matcher(patientId).matches()) {
				throw new InvalidInputException("patient.patientId", "is required: at most 64 letters or digits");
			}
			if (name == null) {
				throw new InvalidInputException("patient.name", "is required (at most 200 characters)");
			}
			if (birthDate == null) {
				throw new InvalidInputException("patient.birthDate", "is required (YYYY-MM-DD)");
			}
		}

	}

	/** The order the study was made for, with its referring and copied physicians. */
	public record OrderData(String orderNumber, String referringPhysicianNumber, List<String> ccPhysicianNumbers) {

		public OrderData {
			if (orderNumber == null || orderNumber.isBlank() || !IDENTIFIER.matcher(orderNumber.strip()).matches()) {
				throw new InvalidInputException("order.orderNumber", "is required: at most 64 letters or digits");
			}
			orderNumber = orderNumber.strip();
			referringPhysicianNumber = referringPhysicianNumber == null || referringPhysicianNumber.isBlank() ? null
					: checkedNumber(referringPhysicianNumber, "order.referringPhysicianNumber");
			ccPhysicianNumbers = ccPhysicianNumbers == null ? List.of() : List.copyOf(new LinkedHashSet<>(
					ccPhysicianNumbers.stream().map(n -> checkedNumber(n, "order.ccPhysicianNumbers")).toList()));
			if (ccPhysicianNumbers.size() > 20) {
				throw new InvalidInputException("order.ccPhysicianNumbers", "must have at most 20 numbers");
			}
		}

		private static String checkedNumber(String number, String field) {
			if (number == null || !number.strip().matches("^[A-Za-z0-9./-]{3,32}$")) {
				throw new InvalidInputException(field, "must be physician numbers of 3 to 32 letters or digits");
			}
			return number.strip();
		}

	}

}
