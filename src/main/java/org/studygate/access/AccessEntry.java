package org.studygate.access;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the Users section of the Access tab (docs/product/04-access-tab.md): an
 * explicit grant, or an implicit way in (a source group, the requester or a copied
 * physician, the requester's practice), withdrawn by an exclusion (decision 060).
 *
 * @param grantId the grant, {@code null} for an implicit way in
 * @param subjectId the user or group, {@code null} for a physician number without an
 * account
 * @param origin a {@link GrantOrigin} name, or SOURCE_ADMINS / SOURCE_USERS for the
 * source groups
 * @param grantedBy the granting user's name, {@code null} for implicit ways in
 * @param withdrawable whether the line has a cross: a live grant (withdrawn) or an
 * implicit way in of a user or a non-source group (excluded, decision 060)
 * @param state where an explicit grant stands now; an implicit way in is ACTIVE, or
 * WITHDRAWN while an exclusion shuts it
 * @param exclusion the exclusion in force that withdrew this implicit way in,
 * {@code null} otherwise
 */
public record AccessEntry(GrantId grantId, SubjectType subjectType, UUID subjectId, String subjectName,
		GrantScope scope, boolean mayShare, boolean mayTransfer, Instant validFrom, Instant validUntil,
		Instant grantedAt, String grantedBy, String origin, boolean withdrawable, Grant.State state,
		Exclusion exclusion) {

	/** The exclusion's id, {@code null} for a line that is not withdrawn by one. */
	public UUID exclusionId() {
		return exclusion == null ? null : exclusion.id();
	}

	/** The line withdrawn by an exclusion: greyed, with who, when, why and "restore". */
	AccessEntry excludedBy(Exclusion e) {
		return new AccessEntry(grantId, subjectType, subjectId, subjectName, scope, mayShare, mayTransfer, validFrom,
				validUntil, grantedAt, grantedBy, origin, false, Grant.State.WITHDRAWN, e);
	}

	/** Whether the line is shown greyed (not in force now). */
	public boolean inactive() {
		return state != Grant.State.ACTIVE;
	}

}
