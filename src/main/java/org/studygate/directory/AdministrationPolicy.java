package org.studygate.directory;

/**
 * Who may administer what (docs/product/01-actors.md): the service desk everything; the
 * admin of a practice or a medical department that group's members and details. Source
 * groups belong to their department and only the service desk changes them, whatever role
 * a member holds there.
 */
public final class AdministrationPolicy {

	private AdministrationPolicy() {
	}

	/** Departments, users, source memberships and new groups: the service desk only. */
	public static AdministrationDecision platform(Actor actor) {
		if (actor.serviceDesk()) {
			return new AdministrationDecision.Allowed("service desk");
		}
		return new AdministrationDecision.Refused(false, "only the service desk administers the platform");
	}

	/**
	 * The members and details of one group. A group the actor neither belongs to nor
	 * finds in the public directory is hidden from him.
	 */
	public static AdministrationDecision group(Actor actor, GroupView group) {
		if (actor.serviceDesk()) {
			return new AdministrationDecision.Allowed("service desk");
		}
		boolean member = actor.memberships().stream().anyMatch(m -> m.groupId().equals(group.id()));
		boolean visible = member || (group.isPublic() && !group.kind().isSourceGroup());
		if (!visible) {
			return new AdministrationDecision.Refused(true, "not a member of the group");
		}
		if (group.kind().isSourceGroup()) {
			return new AdministrationDecision.Refused(false, "source groups are administered by the service desk");
		}
		if (isAdminOf(actor, group.id())) {
			return new AdministrationDecision.Allowed("admin of the group");
		}
		return new AdministrationDecision.Refused(false, "not an admin of the group");
	}

	public static boolean isAdminOf(Actor actor, GroupId group) {
		return actor.memberships()
			.stream()
			.anyMatch(m -> m.groupId().equals(group) && m.role() == MembershipRole.ADMIN && !m.kind().isSourceGroup());
	}

}
