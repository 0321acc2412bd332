package org.studygate.breakglass;

import java.time.LocalDate;

import org.studygate.study.StudyId;

/**
 * A study the user may unlock, as the emergency access page shows it once he gave the
 * patient's exact ID and birth date: enough for him to confirm the patient, and the
 * department's rules.
 */
public record Candidate(StudyId studyId, String patientName, String patientId, LocalDate birthDate, LocalDate studyDate,
		String modality, String description, String departmentName, int durationHours, int minimumReasonLength) {

}
