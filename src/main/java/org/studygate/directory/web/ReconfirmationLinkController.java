package org.studygate.directory.web;

import jakarta.servlet.http.HttpServletResponse;
import org.studygate.NotFoundException;
import org.studygate.directory.GroupId;
import org.studygate.directory.ReconfirmationLinks;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The reminder mail's one-click link (decision 064), without signing in: opening it shows
 * what it confirms and one button; only the button confirms, so a mail scanner that
 * fetches the link changes nothing. A link that does not work says so in words, with the
 * way to confirm after signing in.
 */
@Controller
class ReconfirmationLinkController {

	private final ReconfirmationLinks links;

	ReconfirmationLinkController(ReconfirmationLinks links) {
		this.links = links;
	}

	@GetMapping("/reconfirm/{groupId}/{token}")
	String offer(@PathVariable GroupId groupId, @PathVariable String token, Model model, HttpServletResponse response) {
		var offer = links.offer(groupId, token);
		if (offer.isEmpty()) {
			return refused(response);
		}
		model.addAttribute("offer", offer.get());
		return "my/reconfirm";
	}

	@PostMapping("/reconfirm/{groupId}/{token}")
	String confirm(@PathVariable GroupId groupId, @PathVariable String token, Model model,
			HttpServletResponse response) {
		try {
			model.addAttribute("confirmed", links.confirm(groupId, token));
			return "my/reconfirm";
		}
		catch (NotFoundException ex) {
			return refused(response);
		}
	}

	private static String refused(HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		return "my/reconfirm";
	}

}
