package org.studygate.study;

/**
 * What the registry does not know of a study, because the archive's header left it empty
 * (docs/guide/image-archive.md): the pages mark each of these as unknown instead of
 * leaving a blank.
 *
 * @param dateSource where the study's date came from
 * @param placeholderPatient the header named no patient ID: the patient stands for this
 * study alone
 */
public record UnknownValues(StudyDateSource dateSource, boolean placeholderPatient, boolean name, boolean birthDate,
		boolean sex, boolean accessionNumber, boolean referringPhysician) {

	/** Whether the date is not the header's study date. */
	public boolean dateNotFromStudy() {
		return dateSource != StudyDateSource.STUDY;
	}

}
