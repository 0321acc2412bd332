package org.studygate.access;

/**
 * Whom a grant is given to: one user, or a group and so each of its current and future
 * members.
 */
public enum SubjectType {

	USER, GROUP

}
