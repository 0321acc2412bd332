package org.studygate.directory;

/**
 * Something a module asks the service desk's start page to show with a count and a link
 * (the unmatched studies of the archive, ...): the directory module knows none of them by
 * name.
 */
public interface AdministrationNotice {

	/** The message key of the line; its one argument is the count. */
	String messageKey();

	/** Where the line links to. */
	String href();

	/** The count to show now. */
	long count();

}
