package org.studygate.access;

/** How a grant came about (docs/product/02-domain.md). */
public enum GrantOrigin {

	REQUESTER, CC, GROUP_PRACTICE, SHARE, REFERENCE_NUMBER_CLAIM, RULE

}
