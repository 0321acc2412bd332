package org.studygate.ris;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import org.studygate.InvalidInputException;
import org.studygate.study.StudyRegistration;

/**
 * An order as a RIS without HL7 sends it ({@code POST /api/v1/orders}, docs/api.md): the
 * same parts as an ORM^O01 with ORC-1 {@code NW}.
 *
 * @param departmentCode the department the order belongs to
 * @param accessionNumber the key its study joins it by (OBR-18)
 * @param placerNumber the placer order number (ORC-2), optional
 * @param studyInstanceUid the Study Instance UID when known (ZDS-1), optional
 * @param patient the patient: ID and birth date required
 * @param requesterNumber the referring physician's number (PV1-8), optional
 * @param ccNumbers the physicians copied on the result (OBR-28), optional
 * @param paymentRequired whether the patient must pay before he sees the study
 */
public record OrderInput(String departmentCode, String accessionNumber, String placerNumber, String studyInstanceUid,
		Patient patient, String requesterNumber, List<String> ccNumbers, Boolean paymentRequired) {

	private static final Pattern UID = Pattern.compile("^[0-9]+(\\.[0-9]+)*$");

	private static final Pattern PLACER = Pattern.compile("^[\\p{Alnum}._/-]{1,64}$");

	/** The order's patient. */
	public record Patient(String patientId, String name, LocalDate birthDate, String sex, String nationalId) {

	}

	StudyRegistration.PatientData patientData() {
		if (patient == null || patient.patientId() == null || patient.patientId().isBlank()) {
			throw new InvalidInputException("patient.patientId", "is required");
		}
		if (patient.birthDate() == null) {
			throw new InvalidInputException("patient.birthDate", "is required (YYYY-MM-DD)");
		}
		String sex = patient.sex() == null || patient.sex().isBlank() ? null : patient.sex().strip();
		if (sex != null && !List.of("M", "F", "O").contains(sex)) {
			throw new InvalidInputException("patient.sex", "must be M, F or O");
		}
		return new StudyRegistration.PatientData(patient.patientId(), patient.name(), patient.birthDate(), sex,
				patient.nationalId(), null, null);
	}

	StudyRegistration.OrderData orderData() {
		if (accessionNumber == null || accessionNumber.isBlank()) {
			throw new InvalidInputException("accessionNumber", "is required");
		}
		try {
			return new StudyRegistration.OrderData(accessionNumber, requesterNumber, ccNumbers);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(switch (ex.field()) {
				case "order.orderNumber" -> "accessionNumber";
				case "order.referringPhysicianNumber" -> "requesterNumber";
				case "order.ccPhysicianNumbers" -> "ccNumbers";
				default -> ex.field();
			}, ex.getMessage());
		}
	}

	String placer() {
		if (placerNumber == null || placerNumber.isBlank()) {
			return null;
		}
		if (!PLACER.matcher(placerNumber.strip()).matches()) {
			throw new InvalidInputException("placerNumber",
					"must have at most 64 letters, digits, '.', '-', '_' or '/'");
		}
		return placerNumber.strip();
	}

	String uid() {
		if (studyInstanceUid == null || studyInstanceUid.isBlank()) {
			return null;
		}
		String uid = studyInstanceUid.strip();
		if (uid.length() > 64 || !UID.matcher(uid).matches()) {
			throw new InvalidInputException("studyInstanceUid", "must be a DICOM UID");
		}
		return uid;
	}

}
