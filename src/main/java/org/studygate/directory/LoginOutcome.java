package org.studygate.directory;

/** How a staff login attempt ended. */
public enum LoginOutcome {

	SUCCESS, BAD_CREDENTIALS, LOCKED

}
