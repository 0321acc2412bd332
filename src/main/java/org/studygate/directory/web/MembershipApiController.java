package org.studygate.directory.web;

import java.time.Instant;
import java.util.List;

import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupView;
import org.studygate.directory.Groups;
import org.studygate.directory.Invitation;
import org.studygate.directory.Memberships;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own memberships (docs/product/10-cross-cutting-rules.md): his open
 * invitations, which he accepts or declines, and the groups he belongs to, which he may
 * leave.
 */
@RestController
@RequestMapping("/api/v1/my/memberships")
class MembershipApiController {

	private final Memberships memberships;

	private final Groups groups;

	private final org.studygate.directory.Reconfirmations reconfirmations;

	MembershipApiController(Memberships memberships, Groups groups,
			org.studygate.directory.Reconfirmations reconfirmations) {
		this.reconfirmations = reconfirmations;
		this.memberships = memberships;
		this.groups = groups;
	}

	record InvitationItem(String groupId, String groupName, String kind, String role, String state, Instant invitedAt,
			Instant expiresAt, String invitedBy) {

		static InvitationItem of(Invitation invitation) {
			return new InvitationItem(invitation.groupId().toString(), invitation.groupName(), invitation.kind().name(),
					invitation.role().name(), "INVITED", invitation.invitedAt(), invitation.expiresAt(),
					invitation.invitedByName());
		}

	}

	record MembershipItem(String groupId, String groupName, String kind, String role, String state) {

		static MembershipItem of(Actor actor, GroupView group) {
			String role = group.members()
				.stream()
				.filter(m -> m.userId().equals(actor.userId()))
				.map(m -> m.role().name())
				.findFirst()
				.orElse(null);
			return new MembershipItem(group.id().toString(), group.name(), group.kind().name(), role, "ACTIVE");
		}

	}

	record MyMemberships(List<InvitationItem> invitations, List<MembershipItem> memberships) {

	}

	@GetMapping
	MyMemberships mine(Actor actor) {
		return new MyMemberships(memberships.invitationsOf(actor).stream().map(InvitationItem::of).toList(),
				groups.of(actor).stream().map(group -> MembershipItem.of(actor, group)).toList());
	}

	@PostMapping("/{groupId}/accept")
	MembershipItem accept(Actor actor, @PathVariable GroupId groupId) {
		return MembershipItem.of(actor, memberships.accept(actor, groupId));
	}

	@PostMapping("/{groupId}/decline")
	ResponseEntity<Void> decline(Actor actor, @PathVariable GroupId groupId) {
		memberships.decline(actor, groupId);
		return ResponseEntity.noContent().build();
	}

	record Confirmed(String groupId, java.time.Instant lapsesAt) {

	}

	/** Confirms a practice membership again, lapsed or not (decision 061). */
	@PostMapping("/{groupId}/confirm")
	Confirmed confirm(Actor actor, @PathVariable GroupId groupId) {
		return new Confirmed(groupId.toString(), reconfirmations.confirm(actor, groupId));
	}

	@DeleteMapping("/{groupId}")
	ResponseEntity<Void> leave(Actor actor, @PathVariable GroupId groupId) {
		memberships.leave(actor, groupId);
		return ResponseEntity.noContent().build();
	}

}
