package org.studygate.directory.setup;

import org.studygate.directory.GroupId;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.NewGroup;
import org.studygate.directory.NewUser;
import org.studygate.directory.UserId;

/**
 * Makes users, groups and memberships at once, without checking anyone's rights, without
 * consent and without an entry in the administration log: for the application's own setup
 * only (the first start's service-desk account, demo data). Requests go through
 * {@code Users}, {@code Groups} and {@code Memberships}, which decide and log.
 */
public interface DirectorySetup {

	/**
	 * Registers a staff user, a service-desk account if so asked; the username and each
	 * physician number must be free.
	 */
	UserId createUser(NewUser user);

	/** Registers a practice or a medical department. */
	GroupId createGroup(NewGroup group);

	/**
	 * Turns a practice's "members see each other's studies" on or off (off for a new
	 * practice, decision 061).
	 */
	void shareStudies(GroupId group, boolean membersShareStudies);

	/**
	 * Makes a user an active member of a group at once, or changes his role there. Naming
	 * him primary contact takes that mark from whoever had it.
	 */
	void addMember(GroupId group, UserId user, MembershipRole role, boolean primaryContact);

	/** Takes a user out of a group, whether he was a member or invited. */
	void removeMember(GroupId group, UserId user);

}
