package org.studygate.directory;

import java.util.List;
import java.util.UUID;

/**
 * A group with its members, the primary contact first, then admins, then by name.
 *
 * @param departmentId the department of a source group, {@code null} otherwise
 * @param notification who is told when a study is shared with the group
 */
public record GroupView(GroupId id, GroupKind kind, String name, String address, String phone, String email,
		boolean isPublic, UUID departmentId, List<Member> members, GroupNotification notification) {

	/** A member of a group. */
	public record Member(UserId userId, String displayName, String username, MembershipRole role,
			boolean primaryContact) {

	}

}
