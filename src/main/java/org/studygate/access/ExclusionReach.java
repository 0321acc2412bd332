package org.studygate.access;

/**
 * What an exclusion shuts on a path
 * (docs/decisions/060-exclusions-and-restricted-studies.md): nothing (the roles, unlocks
 * and codes), the excluded user (his own ways in: requester, copy, grants to him), or the
 * excluded user and the members of an excluded group (the ways in through groups:
 * practices and grants to groups).
 */
public enum ExclusionReach {

	NONE, USER, USER_AND_GROUPS

}
