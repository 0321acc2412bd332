package org.studygate.transfer.web;

import java.util.Arrays;
import java.util.List;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.transfer.DestinationAllowList;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The destination allow-list for the service desk: the page {@code /admin/transfer-allow-list} (one
 * entry per line) and {@code GET|PUT /api/v1/admin/transfer-allow-list} {@code {"entries": [...]}}.
 */
@Controller
class AllowListController {

	private final DestinationAllowList allowList;

	AllowListController(DestinationAllowList allowList) {
		this.allowList = allowList;
	}

	record AllowList(List<String> entries, List<String> configured) {

		static AllowList of(DestinationAllowList.Entries entries) {
			return new AllowList(entries.kept(), entries.configured());
		}

	}

	record AllowListRequest(List<String> entries) {

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

	@GetMapping("/api/v1/admin/transfer-allow-list")
	@ResponseBody
	AllowList get(Actor actor) {
		return AllowList.of(allowList.entries(actor));
	}

	@PutMapping("/api/v1/admin/transfer-allow-list")
	@ResponseBody
	ResponseEntity<AllowList> put(Actor actor, @RequestBody(required = false) AllowListRequest request) {
		if (request == null || request.entries() == null) {
			throw new InvalidInputException("entries", "is required (a list, possibly empty)");
		}
		return ResponseEntity.ok(AllowList.of(allowList.replace(actor, request.entries())));
	}

}
