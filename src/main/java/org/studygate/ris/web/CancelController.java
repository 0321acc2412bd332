package org.studygate.ris.web;

import org.studygate.InvalidInputException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.directory.Actor;
import org.studygate.ris.Cancellations;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The study page's cancel and restore buttons, for whoever manages the study's access.
 */
@Controller
class CancelController {

	private final AccessControl accessControl;

	private final Cancellations cancellations;

	CancelController(AccessControl accessControl, Cancellations cancellations) {
		this.accessControl = accessControl;
		this.cancellations = cancellations;
	}

	@PostMapping("/studies/{id}/cancel")
	String cancel(Actor actor, @PathVariable StudyId id, @RequestParam(required = false) String reason,
			RedirectAttributes redirect) {
		return change(actor, id, reason, true, redirect);
	}

	@PostMapping("/studies/{id}/uncancel")
	String uncancel(Actor actor, @PathVariable StudyId id, @RequestParam(required = false) String reason,
			RedirectAttributes redirect) {
		return change(actor, id, reason, false, redirect);
	}

	private String change(Actor actor, StudyId id, String reason, boolean cancel, RedirectAttributes redirect) {
		var managing = accessControl.require(actor, id, Action.MANAGE_ACCESS);
		try {
			if (cancel) {
				cancellations.cancel(managing, reason);
			}
			else {
				cancellations.uncancel(managing, reason);
			}
			redirect.addFlashAttribute("notice", cancel ? "ris.cancel.done" : "ris.cancel.restored");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("notice", "ris.cancel.reasonRequired");
		}
		return "redirect:/studies/" + id;
	}

}
