package org.studygate.directory.web;

import java.util.List;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.directory.AdministrationPolicy;
import org.studygate.directory.GroupDetails;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupNotification;
import org.studygate.directory.GroupKind;
import org.studygate.directory.GroupView;
import org.studygate.directory.Groups;
import org.studygate.directory.Invitation;
import org.studygate.directory.MembershipState;
import org.studygate.directory.Memberships;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.NewGroup;
import org.studygate.directory.UserId;
import org.studygate.directory.UserView;
import org.studygate.directory.Users;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Group pages: the service desk's list and details of practices and medical departments,
 * and "My groups", where each user sees his groups and administers those he is an admin
 * of. The same forms serve both areas; the directory decides who may use them. A group
 * admin's "add" invites; the service desk's adds at once and asks for a reason.
 */
@Controller
class GroupController {

	private static final String AREAS = "{area:admin|my}";

	private final Groups groups;

	private final Users users;

	private final Memberships memberships;

	GroupController(Groups groups, Users users, Memberships memberships) {
		this.groups = groups;
		this.users = users;
		this.memberships = memberships;
	}

	record GroupForm(String kind, String name, String address, String phone, String email, Boolean isPublic) {

		static GroupForm empty() {
			return new GroupForm(GroupKind.PRACTICE.name(), "", "", "", "", false);
		}

	}

	record DetailsForm(String address, String phone, String email, Boolean isPublic) {

		static DetailsForm of(GroupView group) {
			return new DetailsForm(group.address(), group.phone(), group.email(), group.isPublic());
		}

		GroupDetails details() {
			return new GroupDetails(address, phone, email, Boolean.TRUE.equals(isPublic));
		}

	}

	record MemberForm(String username, String role, Boolean primaryContact, String reason) {

		static MemberForm empty() {
			return new MemberForm("", MembershipRole.MEMBER.name(), false, "");
		}

	}

	/** A form shown again with its message, on the group it was sent for. */
	record Rejected(GroupId group, String problem, DetailsForm details, MemberForm member) {

	}

	@GetMapping("/admin/groups")
	String groups(Actor actor, @RequestParam(required = false) String q, Model model) {
		return listPage(actor, q, GroupForm.empty(), null, model);
	}

	@PostMapping("/admin/groups")
	String register(Actor actor, @ModelAttribute GroupForm form, Model model, RedirectAttributes redirect) {
		try {
			GroupView group = groups.register(actor,
					NewGroup.of(form.kind(), form.name(), form.address(), form.phone(), form.email(), form.isPublic()));
			redirect.addFlashAttribute("notice", "admin.group.created");
			return "redirect:/admin/groups/" + group.id();
		}
		catch (InvalidInputException ex) {
			return listPage(actor, null, form, "admin.invalid." + ex.field(), model);
		}
	}

	private String listPage(Actor actor, String query, GroupForm form, String problem, Model model) {
		model.addAttribute("groups", groups.list(actor, query));
		model.addAttribute("q", query);
		model.addAttribute("form", form);
		model.addAttribute("kinds", new GroupKind[] { GroupKind.PRACTICE, GroupKind.MEDICAL_DEPARTMENT });
		model.addAttribute("problem", problem);
		return "admin/groups";
	}

	@GetMapping("/admin/groups/{id}")
	String group(Actor actor, @PathVariable GroupId id, Model model) {
		return groupPage(actor, id, null, model);
	}

	@GetMapping("/my/groups")
	String myGroups(Actor actor, Model model) {
		return myGroupsPage(actor, null, model);
	}

	@PostMapping("/" + AREAS + "/groups/{id}/details")
	String details(Actor actor, @PathVariable String area, @PathVariable("id") GroupId group,
			@ModelAttribute DetailsForm form, Model model, RedirectAttributes redirect) {
		groups.toAdminister(actor, group);
		try {
			groups.changeDetails(actor, group, form.details());
			return saved(area, group, "admin.group.saved", redirect);
		}
		catch (InvalidInputException ex) {
			return rejected(actor, area, new Rejected(group, "admin.invalid." + ex.field(), form, MemberForm.empty()),
					model);
		}
	}

	@PostMapping("/" + AREAS + "/groups/{id}/notification")
	String notification(Actor actor, @PathVariable String area, @PathVariable("id") GroupId group,
			@RequestParam(required = false) String notification, Model model, RedirectAttributes redirect) {
		GroupView current = groups.toAdminister(actor, group);
		GroupNotification chosen;
		try {
			chosen = GroupNotification.valueOf(notification);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return rejected(actor, area,
					new Rejected(group, "admin.invalid.generic", DetailsForm.of(current), MemberForm.empty()), model);
		}
		groups.changeNotification(actor, group, chosen);
		return saved(area, group, "admin.group.notificationSaved", redirect);
	}

	@PostMapping("/" + AREAS + "/groups/{id}/sharing")
	String sharing(Actor actor, @PathVariable String area, @PathVariable("id") GroupId group,
			@RequestParam(required = false) Boolean membersShareStudies, RedirectAttributes redirect) {
		memberships.changeSharing(actor, group, Boolean.TRUE.equals(membersShareStudies));
		return saved(area, group, "membership.sharingSaved", redirect);
	}

	@PostMapping("/" + AREAS + "/groups/{id}/members")
	String addMember(Actor actor, @PathVariable String area, @PathVariable("id") GroupId group,
			@ModelAttribute MemberForm form, Model model, RedirectAttributes redirect) {
		GroupView current = groups.toAdminister(actor, group);
		try {
			UserView user = users.findByUsername(form.username())
				.orElseThrow(() -> new InvalidInputException("member", "no user has this username"));
			Memberships.Added added = memberships.add(actor, group, user.id(),
					MembershipRole.parse("role", form.role()), Boolean.TRUE.equals(form.primaryContact()),
					form.reason());
			return saved(area, group,
					added.state() == MembershipState.INVITED ? "membership.invited" : "admin.member.added", redirect);
		}
		catch (InvalidInputException ex) {
			return rejected(actor, area,
					new Rejected(group, "admin.invalid." + ex.field(), DetailsForm.of(current), form), model);
		}
		catch (ConflictException ex) {
			return rejected(actor, area, new Rejected(group, "admin.conflict.member", DetailsForm.of(current), form),
					model);
		}
	}

	@PostMapping("/" + AREAS + "/groups/{id}/members/remove")
	String removeMember(Actor actor, @PathVariable String area, @PathVariable("id") GroupId group,
			@RequestParam(required = false) UserId userId, RedirectAttributes redirect) {
		groups.toAdminister(actor, group);
		if (userId != null) {
			memberships.remove(actor, group, userId);
		}
		return saved(area, group, "admin.member.removed", redirect);
	}

	@PostMapping("/" + AREAS + "/groups/{id}/primary")
	String primaryContact(Actor actor, @PathVariable String area, @PathVariable("id") GroupId group,
			@RequestParam(required = false) UserId userId, RedirectAttributes redirect) {
		groups.toAdminister(actor, group);
		if (userId == null) {
			throw new NotFoundException("member");
		}
		memberships.makePrimaryContact(actor, group, userId);
		return saved(area, group, "admin.member.primarySet", redirect);
	}

	private String saved(String area, GroupId group, String notice, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", notice);
		return "admin".equals(area) ? "redirect:/admin/groups/" + group : "redirect:/my/groups#group-" + group;
	}

	private String rejected(Actor actor, String area, Rejected rejected, Model model) {
		return "admin".equals(area) ? groupPage(actor, rejected.group(), rejected, model)
				: myGroupsPage(actor, rejected, model);
	}

	private String groupPage(Actor actor, GroupId id, Rejected rejected, Model model) {
		GroupView group = groups.toAdminister(actor, id);
		model.addAttribute("group", group);
		model.addAttribute("rejected", rejected);
		model.addAttribute("detailsForm", rejected == null ? DetailsForm.of(group) : rejected.details());
		model.addAttribute("memberForm", rejected == null ? MemberForm.empty() : rejected.member());
		model.addAttribute("roles", MembershipRole.values());
		model.addAttribute("invitations", memberships.invitationsTo(actor, id));
		return "admin/group";
	}

	private String myGroupsPage(Actor actor, Rejected rejected, Model model) {
		model.addAttribute("groups", groups.of(actor).stream().map(group -> {
			boolean mine = rejected != null && rejected.group().equals(group.id());
			boolean administered = AdministrationPolicy.group(actor, group).isAllowed();
			return new MyGroup(group, administered, mine ? rejected.problem() : null,
					mine ? rejected.details() : DetailsForm.of(group), mine ? rejected.member() : MemberForm.empty(),
					administered ? memberships.invitationsTo(actor, group.id()) : List.of());
		}).toList());
		model.addAttribute("roles", MembershipRole.values());
		model.addAttribute("invitationCount", memberships.invitationsOf(actor).size());
		return "my/groups";
	}

	/**
	 * One of the user's groups, whether he may administer it, its forms and its open
	 * invitations.
	 */
	record MyGroup(GroupView group, boolean administered, String problem, DetailsForm details, MemberForm member,
			List<Invitation> invitations) {

	}

}
