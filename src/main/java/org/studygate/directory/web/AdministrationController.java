package org.studygate.directory.web;

import java.util.List;

import org.studygate.directory.Actor;
import org.studygate.directory.AdministrationNotice;
import org.studygate.directory.AdministrationPolicy;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The service desk's start page: where each kind of administration lives, with the
 * notices other modules contribute (a count and a link each).
 */
@Controller
class AdministrationController {

	/** One notice as the page shows it. */
	record NoticeLine(String messageKey, String href, long count) {

	}

	private final List<AdministrationNotice> notices;

	AdministrationController(List<AdministrationNotice> notices) {
		this.notices = notices;
	}

	@GetMapping("/admin")
	String landing(Actor actor, Model model) {
		AdministrationPolicy.platform(actor).enforce();
		model.addAttribute("notices",
				notices.stream().map(n -> new NoticeLine(n.messageKey(), n.href(), n.count())).toList());
		return "admin/index";
	}

}
