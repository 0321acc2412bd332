package org.studygate.directory;

/**
 * How a staff login attempt ended; THROTTLED: refused unchecked, the address failed too
 * often.
 */
public enum LoginOutcome {

	SUCCESS, BAD_CREDENTIALS, LOCKED, THROTTLED

}
