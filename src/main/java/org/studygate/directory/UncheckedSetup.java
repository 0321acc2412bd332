package org.studygate.directory;

import java.time.Clock;

import org.studygate.InvalidInputException;
import org.studygate.directory.setup.DirectorySetup;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The directory's setup over its stores; see {@link DirectorySetup}. */
@Service
class UncheckedSetup implements DirectorySetup {

	private final Users users;

	private final Groups groups;

	private final UserStore userStore;

	private final GroupStore groupStore;

	private final MembershipStore memberships;

	private final Clock clock;

	UncheckedSetup(Users users, Groups groups, UserStore userStore, GroupStore groupStore, MembershipStore memberships,
			Clock clock) {
		this.users = users;
		this.groups = groups;
		this.userStore = userStore;
		this.groupStore = groupStore;
		this.memberships = memberships;
		this.clock = clock;
	}

	@Override
	@Transactional
	public UserId createUser(NewUser user) {
		return users.create(user);
	}

	@Override
	@Transactional
	public GroupId createGroup(NewGroup group) {
		return groups.create(group);
	}

	@Override
	@Transactional
	public void shareStudies(GroupId group, boolean membersShareStudies) {
		memberships.changeSharing(group, membersShareStudies);
	}

	@Override
	@Transactional
	public void addMember(GroupId group, UserId user, MembershipRole role, boolean primaryContact) {
		if (groupStore.find(group).isEmpty()) {
			throw new InvalidInputException("groupId", "no such group");
		}
		if (userStore.find(user).isEmpty()) {
			throw new InvalidInputException("userId", "no such user");
		}
		memberships.activate(group, user, role, primaryContact, clock.instant());
	}

	@Override
	@Transactional
	public void removeMember(GroupId group, UserId user) {
		memberships.delete(group, user);
	}

}
