package org.studygate.access.web;

import org.studygate.access.AccessTab;
import org.studygate.access.Explanations;
import org.studygate.access.GrantId;
import org.studygate.access.Exclusions;
import org.studygate.access.Grants;
import org.studygate.access.SubjectType;
import org.studygate.access.Sharing;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Access tab of a study's page: the Users section with in-place withdrawal, the other
 * sections in their own order, the details of a group named there, and "why can this user
 * see it?".
 */
@Controller
class AccessController {

	private final AccessTab accessTab;

	private final Grants grants;

	private final Explanations explanations;

	private final Sharing sharing;

	private final Exclusions exclusions;

	AccessController(AccessTab accessTab, Grants grants, Explanations explanations, Sharing sharing,
			Exclusions exclusions) {
		this.exclusions = exclusions;
		this.accessTab = accessTab;
		this.grants = grants;
		this.explanations = explanations;
		this.sharing = sharing;
	}

	@GetMapping("/studies/{id}/access")
	String access(Actor actor, @PathVariable StudyId id, @RequestParam(name = "who", required = false) String who,
			@RequestParam(name = "explain", required = false) UserId explain, Model model) {
		AccessTab.Page page = accessTab.page(actor, id);
		AccessTab.View view = page.view();
		model.addAttribute("study", view.study());
		model.addAttribute("studyId", id);
		model.addAttribute("tabs", page.tabs());
		model.addAttribute("users", view.users());
		model.addAttribute("zone", view.zone());
		model.addAttribute("sections", view.sections());
		model.addAttribute("who", who);
		model.addAttribute("candidates", sharing.users(actor, who, 10));
		if (explain != null) {
			model.addAttribute("explanation", explanations.explain(actor, id, explain));
		}
		return "access/tab";
	}

	@GetMapping("/studies/{id}/access/groups/{groupId}")
	String group(Actor actor, @PathVariable StudyId id, @PathVariable GroupId groupId, Model model) {
		model.addAttribute("group", accessTab.group(actor, id, groupId));
		model.addAttribute("studyId", id);
		return "access/group";
	}

	/**
	 * Withdraws a grant. The tab's script posts here and swaps in the row it gets back
	 * (no reload); without the script, the tab is shown again.
	 */
	@PostMapping("/studies/{id}/access/grants/{grantId}/withdraw")
	String withdraw(Actor actor, @PathVariable StudyId id, @PathVariable GrantId grantId,
			@RequestParam(required = false) String reason,
			@RequestHeader(name = "X-Requested-With", required = false) String requestedWith, Model model) {
		Grants.Withdrawn withdrawn = grants.withdraw(actor, id, grantId, reason);
		if (!"fetch".equals(requestedWith)) {
			return "redirect:/studies/" + id + "/access";
		}
		model.addAttribute("studyId", id);
		model.addAttribute("zone", withdrawn.zone());
		model.addAttribute("u", withdrawn.line());
		return "access/rows :: userRow";
	}

	/**
	 * Withdraws an implicit line (an exclusion, decision 060); answered like a grant's
	 * withdrawal.
	 */
	@PostMapping("/studies/{id}/access/exclusions")
	String exclude(Actor actor, @PathVariable StudyId id, @RequestParam(required = false) String subjectType,
			@RequestParam(required = false) String subjectId, @RequestParam(required = false) String reason,
			@RequestHeader(name = "X-Requested-With", required = false) String requestedWith, Model model) {
		Grants.Withdrawn withdrawn = exclusions.exclude(actor, id,
				Fields.named(SubjectType.class, "subjectType", subjectType), Fields.uuid("subjectId", subjectId),
				reason);
		if (!"fetch".equals(requestedWith)) {
			return "redirect:/studies/" + id + "/access";
		}
		model.addAttribute("studyId", id);
		model.addAttribute("zone", withdrawn.zone());
		model.addAttribute("u", withdrawn.line());
		return "access/rows :: userRow";
	}

	/** Restores a withdrawn implicit line; the tab is shown again. */
	@PostMapping("/studies/{id}/access/exclusions/{exclusionId}/restore")
	String restore(Actor actor, @PathVariable StudyId id, @PathVariable String exclusionId) {
		java.util.UUID exclusion;
		try {
			exclusion = java.util.UUID.fromString(exclusionId);
		}
		catch (IllegalArgumentException malformed) {
			throw new org.studygate.NotFoundException("exclusion");
		}
		exclusions.restore(actor, id, exclusion);
		return "redirect:/studies/" + id + "/access";
	}

}
