package org.studygate.directory;

/** LOCKED after 5 consecutive failed logins, until the service desk unlocks the account. */
public enum UserStatus {

	ACTIVE, LOCKED

}
