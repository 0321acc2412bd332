package org.studygate;

import javax.sql.DataSource;

/**
 * The embedded server's owner connection for tests outside this package that must do what
 * the application's role may not (a trigger that makes a commit fail).
 */
public final class OwnerDatabase {

	private OwnerDatabase() {
	}

	public static DataSource dataSource() {
		return EmbeddedDatabase.ownerDataSource();
	}

}
