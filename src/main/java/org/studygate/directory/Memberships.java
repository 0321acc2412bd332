package org.studygate.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.audit.AuditOutcome;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Memberships of practices and medical departments, with consent
 * (docs/product/10-cross-cutting-rules.md, docs/decisions/026-membership-consent.md): a
 * group admin invites, and the membership counts only once the invited user accepted it
 * within {@link #INVITATION_VALIDITY}; the service desk adds directly, with a reason;
 * members leave by themselves. Every change, and every refused attempt to accept, decline
 * or leave, is published as a {@link MembershipChanged}. Source groups are staffed by the
 * service desk through their department, which logs those changes itself.
 */
@Service
public class Memberships {

	/** How long an invitation can be accepted after it was sent. */
	public static final Duration INVITATION_VALIDITY = Duration.ofDays(14);

	/** The longest reason the service desk gives for a direct addition. */
	public static final int MAX_REASON = 500;

	private final MembershipStore store;

	private final Users users;

	private final Groups groups;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Memberships(MembershipStore store, Users users, Groups groups, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.users = users;
		this.groups = groups;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What adding a user came to: an invitation, or (by the service desk) an active
	 * membership.
	 */
	public record Added(GroupId group, UserId user, MembershipRole role, MembershipState state, boolean primaryContact,
			Instant expiresAt) {

	}

	/**
	 * Adds a user to a practice or a medical department on behalf of one who may
	 * administer it. A group admin invites: nothing opens until the user accepts, and the
	 * primary-contact mark waits for that. The service desk adds at once and must say
	 * why. A member is a conflict, and so is an open invitation; an expired one is
	 * renewed.
	 */
	@Transactional
	public Added add(Actor actor, GroupId groupId, UserId user, MembershipRole role, boolean primaryContact,
			String reason) {
		GroupView group = administered(actor, groupId);
		UserView invitee = users.find(user).orElseThrow(() -> new InvalidInputException("userId", "no such user"));
		Instant now = clock.instant();
		Optional<MembershipStore.Row> existing = store.find(groupId, user);
		if (existing.filter(row -> row.state() == MembershipState.ACTIVE).isPresent()) {
			throw new ConflictException("the user is already a member of the group");
		}
		if (actor.serviceDesk()) {
			String why = reason(reason);
			store.activate(groupId, user, role, primaryContact, now);
			publish(actor, "MEMBERSHIP_ADDED", AuditOutcome.SUCCESS, group.id().toString(), group.name(), invitee, role,
					Map.of("reason", why, "primaryContact", Boolean.toString(primaryContact)));
			return new Added(groupId, user, role, MembershipState.ACTIVE, primaryContact, null);
		}
		if (existing.filter(row -> open(row, now)).isPresent()) {
			throw new ConflictException("the user is invited already");
		}
		if (primaryContact) {
			throw new InvalidInputException("primaryContact", "is given once the invitation is accepted");
		}
		store.invite(groupId, user, role, actor.userId(), now);
		Instant expires = now.plus(INVITATION_VALIDITY);
		publish(actor, "MEMBERSHIP_INVITED", AuditOutcome.SUCCESS, group.id().toString(), group.name(), invitee, role,
				Map.of("expiresAt", expires.toString()));
		return new Added(groupId, user, role, MembershipState.INVITED, false, expires);
	}

	/**
	 * Whether the user is an active member of the group; an invitation is no membership.
	 */
	public boolean isMember(GroupId group, UserId user) {
		return store.isActive(group, user);
	}

	/** The open invitations of a group, for one who may administer it. */
	public List<Invitation> invitationsTo(Actor actor, GroupId group) {
		groups.toAdminister(actor, group);
		return store.invitationsTo(group, clock.instant().minus(INVITATION_VALIDITY), INVITATION_VALIDITY);
	}

	/** The actor's own open invitations, newest first. */
	public List<Invitation> invitationsOf(Actor actor) {
		if (!actor.isUser()) {
			return List.of();
		}
		return store.invitationsOf(actor.userId(), clock.instant().minus(INVITATION_VALIDITY), INVITATION_VALIDITY);
	}

	/**
	 * Accepts the actor's own open invitation to the group named; from now on the
	 * membership counts. Anything else (another's invitation, an expired or unknown one)
	 * is refused as not found, and logged.
	 */
	@Transactional
	public GroupView accept(Actor actor, GroupId id) {
		Instant now = clock.instant();
		Optional<MembershipStore.Row> row = mine(actor, id);
		if (row.isPresent() && store.accept(id, actor.userId(), now.minus(INVITATION_VALIDITY), now)) {
			GroupView group = groups.find(id).orElseThrow();
			publish(actor, "MEMBERSHIP_ACCEPTED", AuditOutcome.SUCCESS, group.id().toString(), group.name(),
					self(actor), row.get().role(), Map.of());
			return group;
		}
		String why = row.isEmpty() ? "no invitation of this user"
				: row.get().state() == MembershipState.ACTIVE ? "a member already" : "the invitation expired";
		throw refused(actor, "MEMBERSHIP_ACCEPT_REFUSED", id, why);
	}

	/** Declines the actor's own invitation to the group named, expired or not. */
	@Transactional
	public void decline(Actor actor, GroupId id) {
		Optional<MembershipStore.Row> row = mine(actor, id);
		if (row.isPresent() && store.delete(id, actor.userId(), MembershipState.INVITED)) {
			publish(actor, "MEMBERSHIP_DECLINED", AuditOutcome.SUCCESS, id.toString(), groupName(id), self(actor),
					row.get().role(), Map.of());
			return;
		}
		throw refused(actor, "MEMBERSHIP_DECLINE_REFUSED", id, "no invitation of this user");
	}

	/**
	 * The actor leaves a practice or a medical department; his access through it ends
	 * with this request. Source groups are left through the service desk.
	 */
	@Transactional
	public void leave(Actor actor, GroupId id) {
		Optional<GroupView> group = groups.find(id);
		Optional<MembershipStore.Row> row = mine(actor, id).filter(r -> r.state() == MembershipState.ACTIVE);
		if (row.isPresent() && group.get().kind().isSourceGroup()) {
			throw refused(actor, "MEMBERSHIP_LEAVE_REFUSED", id, "source groups are left through the service desk");
		}
		if (row.isPresent() && store.delete(id, actor.userId(), MembershipState.ACTIVE)) {
			publish(actor, "MEMBERSHIP_LEFT", AuditOutcome.SUCCESS, id.toString(), group.get().name(), self(actor),
					row.get().role(), Map.of());
			return;
		}
		throw refused(actor, "MEMBERSHIP_LEAVE_REFUSED", id, "not a member");
	}

	/**
	 * Changes a member's role and primary-contact mark on behalf of one who may
	 * administer the group; only an active member has them, and only one member is
	 * primary contact.
	 */
	@Transactional
	public void change(Actor actor, GroupId groupId, UserId user, MembershipRole role, boolean primaryContact) {
		GroupView group = administered(actor, groupId);
		MembershipStore.Row row = active(groupId, user);
		store.activate(groupId, user, role, primaryContact, clock.instant());
		Map<String, String> changes = new java.util.LinkedHashMap<>();
		if (row.role() != role) {
			changes.put("roleChange", row.role() + " → " + role);
		}
		if (row.primaryContact() != primaryContact) {
			changes.put("primaryContact", row.primaryContact() + " → " + primaryContact);
		}
		if (!changes.isEmpty()) {
			publish(actor, "MEMBERSHIP_CHANGED", AuditOutcome.SUCCESS, group.id().toString(), group.name(),
					users.find(user).orElseThrow(), role, changes);
		}
	}

	/**
	 * Makes an active member the group's primary contact, taking the mark from whoever
	 * had it.
	 */
	@Transactional
	public void makePrimaryContact(Actor actor, GroupId group, UserId user) {
		MembershipStore.Row row = active(administered(actor, group).id(), user);
		change(actor, group, user, row.role(), true);
	}

	/**
	 * Removes a member, or withdraws an invitation, on behalf of one who may administer
	 * the group; removing a non-member changes nothing.
	 */
	@Transactional
	public void remove(Actor actor, GroupId groupId, UserId user) {
		GroupView group = administered(actor, groupId);
		Optional<MembershipStore.Row> row = store.find(groupId, user);
		if (row.isPresent() && store.delete(groupId, user, row.get().state())) {
			publish(actor, "MEMBERSHIP_REMOVED", AuditOutcome.SUCCESS, group.id().toString(), group.name(),
					users.find(user).orElseThrow(), row.get().role(), Map.of("state", row.get().state().name()));
		}
	}

	/**
	 * Turns a practice's "members see each other's studies" on or off, on behalf of one
	 * who may administer it; from the next request on, its members' studies are shared
	 * among them or not.
	 */
	@Transactional
	public GroupView changeSharing(Actor actor, GroupId groupId, boolean membersShareStudies) {
		GroupView group = administered(actor, groupId);
		if (group.kind() != GroupKind.PRACTICE) {
			throw new InvalidInputException("membersShareStudies", "is a setting of practices");
		}
		if (group.membersShareStudies() != membersShareStudies) {
			store.changeSharing(groupId, membersShareStudies);
			events.publishEvent(new GroupSharingChanged(clock.instant(), actor.asAuditActor(), groupId, group.name(),
					group.membersShareStudies(), membersShareStudies));
		}
		return groups.find(groupId).orElseThrow();
	}

	/**
	 * Adds a user to a department's source group at once, for the service desk, who
	 * staffs departments; the department logs it with its code. A member already is a
	 * conflict.
	 */
	@Transactional
	public void addSourceMember(Actor actor, GroupId group, UserId user) {
		sourceGroup(actor, group);
		if (users.find(user).isEmpty()) {
			throw new InvalidInputException("userId", "no such user");
		}
		if (store.find(group, user).isPresent()) {
			throw new ConflictException("the user is already a member of the group");
		}
		store.activate(group, user, MembershipRole.MEMBER, false, clock.instant());
	}

	/**
	 * Takes a user from a department's source group, for the service desk; whether he was
	 * in it.
	 */
	@Transactional
	public boolean removeSourceMember(Actor actor, GroupId group, UserId user) {
		sourceGroup(actor, group);
		return store.delete(group, user, MembershipState.ACTIVE);
	}

	private void sourceGroup(Actor actor, GroupId group) {
		AdministrationPolicy.platform(actor).enforce();
		if (groups.find(group).filter(g -> g.kind().isSourceGroup()).isEmpty()) {
			throw new IllegalArgumentException("not a source group: " + group);
		}
	}

	/**
	 * The group, if the actor may administer it and it is a practice or a medical
	 * department.
	 */
	private GroupView administered(Actor actor, GroupId id) {
		GroupView group = groups.toAdminister(actor, id);
		if (group.kind().isSourceGroup()) {
			throw new InvalidInputException("groupId", "source groups are staffed through their department");
		}
		return group;
	}

	private MembershipStore.Row active(GroupId group, UserId user) {
		return store.find(group, user)
			.filter(row -> row.state() == MembershipState.ACTIVE)
			.orElseThrow(() -> new NotFoundException("member"));
	}

	private Optional<MembershipStore.Row> mine(Actor actor, GroupId group) {
		if (!actor.isUser()) {
			return Optional.empty();
		}
		return store.find(group, actor.userId());
	}

	private static boolean open(MembershipStore.Row row, Instant now) {
		return row.state() == MembershipState.INVITED && row.invitedAt().plus(INVITATION_VALIDITY).isAfter(now);
	}

	private static String reason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "is required when the service desk adds a member directly");
		}
		if (reason.strip().length() > MAX_REASON) {
			throw new InvalidInputException("reason", "is longer than " + MAX_REASON + " characters");
		}
		return reason.strip();
	}

	private String groupName(GroupId id) {
		return groups.find(id).map(GroupView::name).orElse(null);
	}

	private UserView self(Actor actor) {
		return users.find(actor.userId()).orElseThrow();
	}

	private NotFoundException refused(Actor actor, String action, GroupId group, String why) {
		UserView user = actor.isUser() ? users.find(actor.userId()).orElse(null) : null;
		publish(actor, action, AuditOutcome.DENIED, group.toString(), null, user, null, Map.of("refusal", why));
		return new NotFoundException("invitation");
	}

	private void publish(Actor actor, String action, AuditOutcome outcome, String group, String groupName,
			UserView user, MembershipRole role, Map<String, String> more) {
		events.publishEvent(new MembershipChanged(clock.instant(), actor.asAuditActor(), action, outcome, group,
				groupName, user == null ? null : user.id(), user == null ? null : user.displayName(), role, more));
	}

}
