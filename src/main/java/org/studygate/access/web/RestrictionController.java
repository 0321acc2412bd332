package org.studygate.access.web;

import org.studygate.access.Restrictions;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The study page's restriction panel (decision 060): restrict or lift, with a reason. */
@Controller
class RestrictionController {

	private final Restrictions restrictions;

	RestrictionController(Restrictions restrictions) {
		this.restrictions = restrictions;
	}

	@PostMapping("/studies/{id}/restriction")
	String restrict(Actor actor, @PathVariable StudyId id, @RequestParam(required = false) boolean restricted,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		restrictions.restrict(actor, id, restricted, reason);
		redirect.addFlashAttribute("notice", "access.restriction.saved");
		return "redirect:/studies/" + id;
	}

}
