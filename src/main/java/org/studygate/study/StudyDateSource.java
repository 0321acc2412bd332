package org.studygate.study;

/**
 * Where a study's date came from. The header's study date is type 2 in DICOM: present but
 * possibly empty, so an archived study may be dated by its series, acquisition or content
 * date, or, lacking all of them, by the arrival of its images; the pages say so.
 */
public enum StudyDateSource {

	/** The study date of the header (and always for studies a RIS registered). */
	STUDY,
	/** The series date of its first series that has one. */
	SERIES,
	/** The acquisition date of its first image. */
	ACQUISITION,
	/** The content date of its first image. */
	CONTENT,
	/** No date in the header: the day its images arrived in the archive. */
	ARRIVAL

}
