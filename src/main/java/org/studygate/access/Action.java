package org.studygate.access;

/** What an actor may want to do with a study (docs/product/03-access-decisions.md). */
public enum Action {

	/** See the study in lists (the explore page, the API list, QIDO-RS). */
	LIST, VIEW_IMAGES, VIEW_REPORT, DOWNLOAD, FORWARD, SHARE,
	/** Open the Access tab and change who has access. */
	MANAGE_ACCESS, READ_LOG,
	/**
	 * Make the study's final report available to the patient now (decision 052): the
	 * requesting physician and the department's admins, nobody else.
	 */
	RELEASE_REPORT

}
