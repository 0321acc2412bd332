package org.studygate.directory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups: practices and medical departments, which the service desk registers and their
 * admins keep up to date, and the two source groups of each department, which the
 * department module creates and names with it. Who belongs to a group is
 * {@link Memberships}' business.
 */
@Service
public class Groups {

	private final GroupStore store;

	private final MembershipStore memberships;

	private final UserStore users;

	private final Clock clock;

	Groups(GroupStore store, MembershipStore memberships, UserStore users, Clock clock) {
		this.store = store;
		this.memberships = memberships;
		this.users = users;
		this.clock = clock;
	}

	/** The group with its active members. */
	public Optional<GroupView> find(GroupId id) {
		return store.find(id);
	}

	/**
	 * Groups of the given kinds whose name starts with the query, by name, without their
	 * members.
	 */
	public List<GroupView> search(String query, Set<GroupKind> kinds, int limit) {
		String q = query == null ? "" : query.trim().toLowerCase();
		return new ArrayList<>(store.search(q, kinds, Math.max(1, Math.min(limit, 500))));
	}

	/** Inserts a practice or a medical department, checking nobody's rights. */
	GroupId create(NewGroup group) {
		return store.insert(group.kind(), group.name(),
				new GroupDetails(group.address(), group.phone(), group.email(), group.isPublic()), null,
				clock.instant());
	}

	/** Registers a practice or a medical department on behalf of the service desk. */
	@Transactional
	public GroupView register(Actor actor, NewGroup group) {
		AdministrationPolicy.platform(actor).enforce();
		return store.find(create(group)).orElseThrow();
	}

	/**
	 * Practices and medical departments whose name starts with the query, for the service
	 * desk.
	 */
	public List<GroupView> list(Actor actor, String query) {
		AdministrationPolicy.platform(actor).enforce();
		return search(query, Set.of(GroupKind.PRACTICE, GroupKind.MEDICAL_DEPARTMENT), 500);
	}

	/**
	 * A group with its members, for someone who may administer it: the service desk, or
	 * an admin of that practice or medical department. Others get a refusal; a group they
	 * may not see is not found.
	 */
	public GroupView toAdminister(Actor actor, GroupId id) {
		GroupView group = store.find(id).orElseThrow(() -> new NotFoundException("group"));
		AdministrationPolicy.group(actor, group).enforce();
		return group;
	}

	/**
	 * The groups the actor belongs to, with their members, so that each member sees who
	 * else is in his practice and who its contact is.
	 */
	public List<GroupView> of(Actor actor) {
		if (!actor.isUser()) {
			return List.of();
		}
		return memberships.activeGroupIds(actor.userId()).stream().map(store::find).flatMap(Optional::stream).toList();
	}

	/** Replaces a group's address, phone, e-mail and public flag. */
	@Transactional
	public GroupView changeDetails(Actor actor, GroupId group, GroupDetails details) {
		toAdminister(actor, group);
		store.changeDetails(group, details);
		return store.find(group).orElseThrow();
	}

	/**
	 * Chooses who of the group is told when a study is shared with it, on behalf of one
	 * who may administer it.
	 */
	@Transactional
	public GroupView changeNotification(Actor actor, GroupId group, GroupNotification notification) {
		toAdminister(actor, group);
		if (notification == null) {
			throw new InvalidInputException("notification", "must be PRIMARY_CONTACT or ALL_MEMBERS");
		}
		store.changeNotification(group, notification);
		return store.find(group).orElseThrow();
	}

	/**
	 * The members of a group to tell about a share, per the group's setting: every
	 * member, or the primary contact (when there is none, the admins; when there are
	 * none, every member). Locked users are left out.
	 */
	public List<UserView> membersToNotify(GroupId group) {
		GroupView view = store.find(group).orElse(null);
		if (view == null) {
			return List.of();
		}
		// a lapsed member sees nothing of the group's studies (decision 061)
		List<GroupView.Member> chosen = view.members().stream().filter(m -> !m.lapsed()).toList();
		if (view.notification() == GroupNotification.PRIMARY_CONTACT) {
			List<GroupView.Member> primary = chosen.stream().filter(GroupView.Member::primaryContact).toList();
			List<GroupView.Member> admins = chosen.stream().filter(m -> m.role() == MembershipRole.ADMIN).toList();
			chosen = !primary.isEmpty() ? primary : !admins.isEmpty() ? admins : chosen;
		}
		return chosen.stream()
			.map(m -> users.find(m.userId()))
			.flatMap(Optional::stream)
			.filter(u -> u.status() == UserStatus.ACTIVE)
			.toList();
	}

	/**
	 * The names of these groups, in one query, without their members (a group that no
	 * longer exists is left out).
	 */
	public Map<GroupId, String> names(Collection<GroupId> ids) {
		return ids.isEmpty() ? Map.of() : store.names(ids);
	}

	/** A department's source groups (administrators and users), by kind, in one query. */
	public Map<GroupKind, GroupId> sourceGroups(UUID departmentId) {
		return store.sourceGroups(departmentId);
	}

	/**
	 * What the Users section of a study's Access tab names, in one query
	 * (docs/decisions/079-access-tab-reads-once.md): the department's source groups, the
	 * accounts of the physician numbers and where their studies are open to practice
	 * colleagues (as {@link #sharingPractices}), and the names of the users and groups
	 * given and of those found.
	 */
	public StudySubjects studySubjects(UUID departmentId, Collection<String> physicianNumbers, Collection<UserId> users,
			Collection<GroupId> groups) {
		return store.studySubjects(departmentId, physicianNumbers, users, groups);
	}

	/** The source group of the given kind of a department. */
	public Optional<GroupId> sourceGroup(UUID departmentId, GroupKind kind) {
		return store.sourceGroup(departmentId, kind);
	}

}
