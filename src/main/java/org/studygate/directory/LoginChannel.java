package org.studygate.directory;

/**
 * Where a staff login came in: the login form, {@code POST /api/v1/auth/token}, or the
 * current password given to change it.
 */
public enum LoginChannel {

	FORM, API, PASSWORD_CHANGE

}
