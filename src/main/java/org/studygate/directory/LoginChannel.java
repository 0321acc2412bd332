package org.studygate.directory;

/** Where a staff login came in: the login form or {@code POST /api/v1/auth/token}. */
public enum LoginChannel {

	FORM, API

}
