package org.studygate.directory;

/**
 * How a staff login attempt ended; THROTTLED: refused unchecked, the address failed too
 * often; SECOND_FACTOR_REQUIRED: the password was right, a second factor is asked for;
 * BAD_SECOND_FACTOR: the second factor was wrong (decision 057); PASSWORD_OFF: the
 * password was right but local passwords are off for the user's kind; UNKNOWN_USER: an
 * identity provider vouched for someone without an account, and accounts are not created
 * on first sign-in (decision 056); ENROLMENT_REQUIRED: the password was right, the
 * two-factor policy covers the user and he has no second factor yet (decision 065).
 */
public enum LoginOutcome {

	SUCCESS, BAD_CREDENTIALS, LOCKED, THROTTLED, SECOND_FACTOR_REQUIRED, BAD_SECOND_FACTOR, PASSWORD_OFF, UNKNOWN_USER,
	ENROLMENT_REQUIRED

}
