package org.studygate.directory;

/**
 * LOCKED: locked on purpose by the service desk, until it unlocks the account. A lock by
 * failed logins is temporary and does not change the status (decision 028,
 * {@code UserView.lockedUntil}).
 */
public enum UserStatus {

	ACTIVE, LOCKED

}
