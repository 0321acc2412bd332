package org.studygate.directory;

/**
 * Where a membership stands (docs/product/10-cross-cutting-rules.md): an invitation
 * counts nowhere until the invited user accepts it; only an active membership opens
 * anything (docs/decisions/026-membership-consent.md).
 */
public enum MembershipState {

	INVITED, ACTIVE

}
