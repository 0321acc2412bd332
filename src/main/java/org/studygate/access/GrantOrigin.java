package org.studygate.access;

/** How a grant came about (SPEC §2). */
public enum GrantOrigin {

	REQUESTER, CC, GROUP_PRACTICE, SHARE, REFERENCE_NUMBER_CLAIM, RULE

}
