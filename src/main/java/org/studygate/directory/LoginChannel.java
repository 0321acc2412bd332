package org.studygate.directory;

/**
 * Where a staff login came in: the login form, {@code POST /api/v1/auth/token}, the
 * current password given to change it, or an OpenID Connect identity provider (decision
 * 056).
 */
public enum LoginChannel {

	FORM, API, PASSWORD_CHANGE, SSO

}
