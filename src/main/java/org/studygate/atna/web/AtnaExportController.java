package org.studygate.atna.web;

import org.studygate.atna.AtnaExport;
import org.studygate.directory.Actor;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The service desk's page of the ATNA export (docs/operations.md#atna-audit-export):
 * where the messages go, how many entries wait, how old the oldest is, the last error.
 */
@Controller
class AtnaExportController {

	private final AtnaExport export;

	AtnaExportController(AtnaExport export) {
		this.export = export;
	}

	@GetMapping("/admin/atna")
	String state(Actor actor, Model model) {
		model.addAttribute("state", export.state(actor));
		return "atna/export";
	}

}
