package org.studygate.access;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the Users section of the Access tab (docs/product/04-access-tab.md): an
 * explicit grant, or an implicit way in (a source group, the requester or a copied
 * physician, the requester's practice) that cannot be withdrawn there.
 *
 * @param grantId the grant, {@code null} for an implicit way in
 * @param subjectId the user or group, {@code null} for a physician number without an
 * account
 * @param origin a {@link GrantOrigin} name, or SOURCE_ADMINS / SOURCE_USERS for the
 * source groups
 * @param grantedBy the granting user's name, {@code null} for implicit ways in
 * @param state where an explicit grant stands now; implicit ways in are always ACTIVE
 */
public record AccessEntry(GrantId grantId, SubjectType subjectType, UUID subjectId, String subjectName,
		GrantScope scope, boolean mayShare, boolean mayTransfer, Instant validFrom, Instant validUntil,
		Instant grantedAt, String grantedBy, String origin, boolean withdrawable, Grant.State state) {

	/** Whether the line is shown greyed (not in force now). */
	public boolean inactive() {
		return state != Grant.State.ACTIVE;
	}

}
