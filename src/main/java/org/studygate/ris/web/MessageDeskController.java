package org.studygate.ris.web;

import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.ris.MessageDesk;
import org.studygate.ris.MessageOutcome;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The service desk's message desk (docs/guide/ris-interface.md): every message the RIS
 * sent, newest first, with its outcome; one message's text and "Apply again".
 */
@Controller
class MessageDeskController {

	private final MessageDesk desk;

	MessageDeskController(MessageDesk desk) {
		this.desk = desk;
	}

	@GetMapping("/admin/ris/messages")
	String list(Actor actor, @RequestParam(required = false) String outcome, Model model) {
		MessageOutcome filter = parse(outcome);
		model.addAttribute("lines", desk.newest(actor, filter, 200));
		model.addAttribute("outcome", filter);
		model.addAttribute("outcomes", MessageOutcome.values());
		return "ris/messages";
	}

	@GetMapping("/admin/ris/messages/{id}")
	String show(Actor actor, @PathVariable UUID id, Model model) {
		model.addAttribute("line", desk.line(actor, id));
		model.addAttribute("raw", desk.raw(actor, id).replace('\r', '\n'));
		return "ris/message";
	}

	@PostMapping("/admin/ris/messages/{id}/reapply")
	String reapply(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		MessageOutcome outcome = desk.reapply(actor, id);
		redirect.addFlashAttribute("notice", "ris.reapplied." + outcome.name());
		return "redirect:/admin/ris/messages/" + id;
	}

	private static MessageOutcome parse(String outcome) {
		if (outcome == null || outcome.isBlank()) {
			return null;
		}
		try {
			return MessageOutcome.valueOf(outcome);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("outcome", "must be APPLIED, ERROR or REJECTED");
		}
	}

}
