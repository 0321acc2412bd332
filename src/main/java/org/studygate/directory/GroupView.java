package org.studygate.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A group with its members, the primary contact first, then admins, then by name.
 *
 * @param departmentId the department of a source group, {@code null} otherwise
 * @param notification who is told when a study is shared with the group
 * @param membersShareStudies for a practice: whether its members see each other's studies
 * (docs/product/10-cross-cutting-rules.md)
 */
public record GroupView(GroupId id, GroupKind kind, String name, String address, String phone, String email,
		boolean isPublic, UUID departmentId, List<Member> members, GroupNotification notification,
		boolean membersShareStudies) {

	/** A group whose members, if it is a practice, see each other's studies. */
	public GroupView(GroupId id, GroupKind kind, String name, String address, String phone, String email,
			boolean isPublic, UUID departmentId, List<Member> members, GroupNotification notification) {
		this(id, kind, name, address, phone, email, isPublic, departmentId, members, notification, true);
	}

	/**
	 * A member of a group.
	 *
	 * @param lapsedSince the day (UTC) a practice membership lapsed for want of
	 * confirmation, {@code null} while it counts (decision 061)
	 */
	public record Member(UserId userId, String displayName, String username, MembershipRole role,
			boolean primaryContact, LocalDate lapsedSince) {

		/** Whether the membership has lapsed: it counts nowhere until confirmed again. */
		public boolean lapsed() {
			return lapsedSince != null;
		}

	}

}
