package org.studygate.directory.web;

import org.studygate.directory.Actor;
import org.studygate.directory.AdministrationPolicy;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The service desk's start page: where each kind of administration lives. */
@Controller
class AdministrationController {

	@GetMapping("/admin")
	String landing(Actor actor) {
		AdministrationPolicy.platform(actor).enforce();
		return "admin/index";
	}

}
