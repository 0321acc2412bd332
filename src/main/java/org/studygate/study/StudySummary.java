package org.studygate.study;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/** One row of the explore list. */
public record StudySummary(StudyId id, String studyInstanceUid, String accessionNumber, UUID departmentId,
		String departmentCode, LocalDate studyDate, LocalDateTime performedAt, String modality, String description,
		String patientName, String patientId, LocalDate patientBirthDate, boolean cancelled,
		StudyDateSource dateSource) {

	/** A row dated by the header's study date. */
	public StudySummary(StudyId id, String studyInstanceUid, String accessionNumber, UUID departmentId,
			String departmentCode, LocalDate studyDate, LocalDateTime performedAt, String modality, String description,
			String patientName, String patientId, LocalDate patientBirthDate, boolean cancelled) {
		this(id, studyInstanceUid, accessionNumber, departmentId, departmentCode, studyDate, performedAt, modality,
				description, patientName, patientId, patientBirthDate, cancelled, StudyDateSource.STUDY);
	}

	/**
	 * Whether the date is not the header's study date (docs/guide/image-archive.md): the
	 * list marks it.
	 */
	public boolean dateNotFromStudy() {
		return dateSource != StudyDateSource.STUDY;
	}

	/** The patient's name as people read it. */
	public String patientDisplayName() {
		return new PersonName(patientName).display();
	}

	/**
	 * The ideographic and phonetic forms of the name, for a hover text; {@code null} when
	 * it has none.
	 */
	public String patientOtherNames() {
		java.util.List<String> others = new PersonName(patientName).otherGroups();
		return others.isEmpty() ? null : String.join(" · ", others);
	}

}
