package org.studygate.directory;

import java.time.Instant;

/**
 * An open invitation to a practice or a medical department: it counts nowhere until the
 * invited user accepts it, and it can no longer be accepted once it expired.
 *
 * @param invitedByName the display name of the group admin who invited, {@code null} when
 * his account is gone
 */
public record Invitation(GroupId groupId, String groupName, GroupKind kind, UserId userId, String userName,
		String username, MembershipRole role, Instant invitedAt, Instant expiresAt, String invitedByName) {

}
