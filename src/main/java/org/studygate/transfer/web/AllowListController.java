package org.studygate.transfer.web;

import java.util.Arrays;
import java.util.List;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.transfer.DestinationAllowList;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The destination allow-list's page for the service desk,
 * {@code /admin/transfer-allow-list}: one entry per line.
 */
@Controller
class AllowListController {

	private final DestinationAllowList allowList;

	AllowListController(DestinationAllowList allowList) {
		this.allowList = allowList;
	}

	@GetMapping("/admin/transfer-allow-list")
	String page(Actor actor, Model model) {
		model.addAttribute("allowList", allowList.entries(actor));
		return "transfer/allow-list";
	}

	@PostMapping("/admin/transfer-allow-list")
	String save(Actor actor, @RequestParam(required = false) String entries, RedirectAttributes redirect) {
		try {
			allowList.replace(actor, entries == null ? List.of() : Arrays.asList(entries.split("[\\r\\n,]+")));
			redirect.addFlashAttribute("notice", "transfer.allowList.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", "transfer.invalid.entries");
		}
		return "redirect:/admin/transfer-allow-list";
	}

}
