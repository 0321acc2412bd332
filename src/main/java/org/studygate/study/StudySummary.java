package org.studygate.study;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/** One row of the explore list. */
public record StudySummary(StudyId id, String studyInstanceUid, String accessionNumber, UUID departmentId,
		String departmentCode, LocalDate studyDate, LocalDateTime performedAt, String modality, String description,
		String patientName, String patientId, LocalDate patientBirthDate, boolean cancelled) {

	/** The patient's name as people read it. */
	public String patientDisplayName() {
		return new PersonName(patientName).display();
	}

}
