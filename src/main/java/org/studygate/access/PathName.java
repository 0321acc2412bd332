package org.studygate.access;

/**
 * The ways into a study that the decision point knows of
 * (docs/product/03-access-decisions.md).
 */
public enum PathName {

	SERVICE_DESK, SOURCE_ADMIN, SOURCE_USER, REQUESTER_CC, GROUP_PRACTICE, GRANT_USER, GRANT_GROUP, UNLOCK, CODE_SESSION

}
