package org.studygate.access.web;


import org.studygate.NotFoundException;
import org.studygate.access.GrantId;
import org.studygate.access.Grants;
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
 * The Access tab of a study's page: the Users section (SPEC §4) with in-place withdrawal, the
 * details of a group named there, and "why can this user see it?".
 */
@Controller
class AccessController {

	private final Grants grants;

	private final Sharing sharing;

	AccessController(Grants grants, Sharing sharing) {
		this.grants = grants;
		this.sharing = sharing;
	}

	@GetMapping("/studies/{id}/access")
	String access(Actor actor, @PathVariable String id, @RequestParam(name = "who", required = false) String who,
			@RequestParam(name = "explain", required = false) String explain, Model model) {
		StudyId studyId = AccessApiController.study(id);
		Grants.AccessTab tab = grants.tab(actor, studyId);
		Grants.UsersSection section = tab.section();
		model.addAttribute("study", section.study());
		model.addAttribute("studyId", studyId);
		model.addAttribute("tabs", tab.tabs());
		model.addAttribute("users", section.users());
		model.addAttribute("zone", section.zone());
		java.util.Map<String, Grants.Section> byKey = new java.util.HashMap<>();
		section.sections().forEach(s -> byKey.put(s.key(), s));
		model.addAttribute("sections", byKey);
		model.addAttribute("sectionKeys", Grants.SECTION_KEYS);
		model.addAttribute("who", who);
		model.addAttribute("candidates", sharing.users(actor, who, 10));
		if (explain != null && !explain.isBlank()) {
			model.addAttribute("explanation",
					grants.explain(actor, studyId, new UserId(AccessApiController.uuid("explain", explain))));
		}
		return "access/tab";
	}

	@GetMapping("/studies/{id}/access/groups/{groupId}")
	String group(Actor actor, @PathVariable String id, @PathVariable String groupId, Model model) {
		StudyId studyId = AccessApiController.study(id);
		GroupId group;
		try {
			group = new GroupId(java.util.UUID.fromString(groupId));
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("group");
		}
		model.addAttribute("group", grants.group(actor, studyId, group));
		model.addAttribute("studyId", studyId);
		return "access/group";
	}

	/**
	 * Withdraws a grant. The tab's script posts here and swaps in the row it gets back (no reload);
	 * without the script, the tab is shown again.
	 */
	@PostMapping("/studies/{id}/access/grants/{grantId}/withdraw")
	String withdraw(Actor actor, @PathVariable String id, @PathVariable String grantId,
			@RequestParam(required = false) String reason,
			@RequestHeader(name = "X-Requested-With", required = false) String requestedWith, Model model) {
		StudyId studyId = AccessApiController.study(id);
		GrantId grant = GrantId.parse(grantId).orElseThrow(() -> new NotFoundException("grant"));
		Grants.Withdrawn withdrawn = grants.withdraw(actor, studyId, grant, reason);
		if (!"fetch".equals(requestedWith)) {
			return "redirect:/studies/" + studyId + "/access";
		}
		model.addAttribute("studyId", studyId);
		model.addAttribute("zone", withdrawn.zone());
		model.addAttribute("u", withdrawn.line());
		return "access/rows :: userRow";
	}

}
