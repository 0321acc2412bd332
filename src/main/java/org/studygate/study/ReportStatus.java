package org.studygate.study;

/** Whether the study has a report yet. */
public enum ReportStatus {

	NONE, PRELIMINARY, FINAL

}
