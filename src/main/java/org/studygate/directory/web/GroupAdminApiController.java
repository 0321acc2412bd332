package org.studygate.directory.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupDetails;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupNotification;
import org.studygate.directory.GroupView;
import org.studygate.directory.Groups;
import org.studygate.directory.Invitation;
import org.studygate.directory.Memberships;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.NewGroup;
import org.studygate.directory.UserId;
import org.studygate.directory.Users;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Practices and medical departments (docs/product/09-api-contract.md): the service desk
 * registers them; the service desk and each group's admins manage its members and
 * details. A group admin invites members, who count once they accepted; the service desk
 * adds them directly with a reason (docs/product/10-cross-cutting-rules.md).
 */
@RestController
@RequestMapping("/api/v1/admin/groups")
class GroupAdminApiController {

	private final Groups groups;

	private final Users users;

	private final Memberships memberships;

	GroupAdminApiController(Groups groups, Users users, Memberships memberships) {
		this.groups = groups;
		this.users = users;
		this.memberships = memberships;
	}

	record RegisterGroup(String kind, String name, String address, String phone, String email,
			@JsonProperty("public") Boolean isPublic) {

	}

	record ChangeDetails(String address, String phone, String email, @JsonProperty("public") Boolean isPublic,
			String notification, Boolean membersShareStudies) {

	}

	record AddMember(String userId, String role, Boolean primaryContact, String reason) {

	}

	record ChangeMember(String role, Boolean primaryContact) {

	}

	record GroupItem(String id, String kind, String name, String address, String phone, String email,
			@JsonProperty("public") boolean isPublic, List<MemberItem> members, String notification,
			List<InvitationItem> invitations, Boolean membersShareStudies) {

		static GroupItem of(GroupView group) {
			return of(group, null);
		}

		static GroupItem of(GroupView group, List<Invitation> invitations) {
			return new GroupItem(group.id().toString(), group.kind().name(), group.name(), group.address(),
					group.phone(), group.email(), group.isPublic(),
					group.members().stream().map(MemberItem::of).toList(), group.notification().name(),
					invitations == null ? null : invitations.stream().map(InvitationItem::of).toList(),
					group.kind() == org.studygate.directory.GroupKind.PRACTICE ? group.membersShareStudies() : null);
		}

	}

	record MemberItem(String userId, String displayName, String username, String role, boolean primaryContact,
			String state, Instant expiresAt) {

		static MemberItem of(GroupView.Member member) {
			return new MemberItem(member.userId().toString(), member.displayName(), member.username(),
					member.role().name(), member.primaryContact(), "ACTIVE", null);
		}

	}

	/** An open invitation, shown to those who administer the group. */
	record InvitationItem(String userId, String displayName, String username, String role, Instant invitedAt,
			Instant expiresAt, String invitedBy) {

		static InvitationItem of(Invitation invitation) {
			return new InvitationItem(invitation.userId().toString(), invitation.userName(), invitation.username(),
					invitation.role().name(), invitation.invitedAt(), invitation.expiresAt(),
					invitation.invitedByName());
		}

	}

	record GroupList(List<GroupItem> items, String next) {

	}

	@PostMapping
	ResponseEntity<GroupItem> register(Actor actor, @RequestBody RegisterGroup body) {
		GroupView group = groups.register(actor,
				NewGroup.of(body.kind(), body.name(), body.address(), body.phone(), body.email(), body.isPublic()));
		return ResponseEntity.created(URI.create("/api/v1/admin/groups/" + group.id())).body(GroupItem.of(group));
	}

	@GetMapping
	GroupList list(Actor actor, @RequestParam(required = false) String q) {
		return new GroupList(groups.list(actor, q).stream().map(GroupItem::of).toList(), null);
	}

	@GetMapping("/{id}")
	GroupItem group(Actor actor, @PathVariable GroupId id) {
		GroupView group = groups.toAdminister(actor, id);
		return GroupItem.of(group,
				group.kind().isSourceGroup() ? List.of() : memberships.invitationsTo(actor, group.id()));
	}

	@PutMapping("/{id}")
	GroupItem change(Actor actor, @PathVariable("id") GroupId group, @RequestBody ChangeDetails body) {
		groups.toAdminister(actor, group);
		GroupDetails details = new GroupDetails(body.address(), body.phone(), body.email(),
				Boolean.TRUE.equals(body.isPublic()));
		GroupNotification notification = null;
		if (body.notification() != null) {
			try {
				notification = GroupNotification.valueOf(body.notification());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("notification", "must be PRIMARY_CONTACT or ALL_MEMBERS");
			}
		}
		GroupView changed = groups.changeDetails(actor, group, details);
		if (notification != null) {
			changed = groups.changeNotification(actor, group, notification);
		}
		if (body.membersShareStudies() != null) {
			changed = memberships.changeSharing(actor, group, body.membersShareStudies());
		}
		return GroupItem.of(changed, memberships.invitationsTo(actor, group));
	}

	/**
	 * Invites a user (202, INVITED: he counts once he accepted) or, for the service desk
	 * with a reason, adds him at once (201, ACTIVE).
	 */
	@PostMapping("/{id}/members")
	ResponseEntity<MemberItem> addMember(Actor actor, @PathVariable("id") GroupId group, @RequestBody AddMember body) {
		groups.toAdminister(actor, group);
		UserId user = UserId.parse(body.userId())
			.orElseThrow(() -> new InvalidInputException("userId", "must be the id of a user"));
		Memberships.Added added = memberships.add(actor, group, user, MembershipRole.parse("role", body.role()),
				Boolean.TRUE.equals(body.primaryContact()), body.reason());
		URI location = URI.create("/api/v1/admin/groups/" + group + "/members/" + user);
		if (added.state() == org.studygate.directory.MembershipState.ACTIVE) {
			return ResponseEntity.created(location).body(member(actor, group, user));
		}
		var invitee = users.find(user).orElseThrow();
		return ResponseEntity.accepted()
			.location(location)
			.body(new MemberItem(user.toString(), invitee.displayName(), invitee.username(), added.role().name(), false,
					added.state().name(), added.expiresAt()));
	}

	@PutMapping("/{id}/members/{userId}")
	MemberItem changeMember(Actor actor, @PathVariable("id") GroupId group, @PathVariable("userId") UserId user,
			@RequestBody ChangeMember body) {
		groups.toAdminister(actor, group);
		memberships.change(actor, group, user, MembershipRole.parse("role", body.role()),
				Boolean.TRUE.equals(body.primaryContact()));
		return member(actor, group, user);
	}

	@DeleteMapping("/{id}/members/{userId}")
	ResponseEntity<Void> removeMember(Actor actor, @PathVariable("id") GroupId group,
			@PathVariable("userId") UserId user) {
		groups.toAdminister(actor, group);
		memberships.remove(actor, group, user);
		return ResponseEntity.noContent().build();
	}

	private MemberItem member(Actor actor, GroupId group, UserId user) {
		return groups.toAdminister(actor, group)
			.members()
			.stream()
			.filter(m -> m.userId().equals(user))
			.findFirst()
			.map(MemberItem::of)
			.orElseThrow(() -> new NotFoundException("member"));
	}

}
