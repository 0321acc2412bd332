package org.studygate.ris.web;

import org.studygate.ConflictException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.directory.Actor;
import org.studygate.ris.ReportReleases;
import org.studygate.ris.Reports;
import org.studygate.study.StudyId;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The report document opened from the study page, shown inline in the browser, and the
 * study page's button that releases the final report to the patient.
 */
@Controller
class ReportController {

	private final AccessControl accessControl;

	private final Reports reports;

	private final ReportReleases releases;

	ReportController(AccessControl accessControl, Reports reports, ReportReleases releases) {
		this.accessControl = accessControl;
		this.reports = reports;
		this.releases = releases;
	}

	@GetMapping("/studies/{id}/report/pdf")
	ResponseEntity<byte[]> pdf(Actor actor, @PathVariable StudyId id) {
		return ReportApiController.inline(reports.pdf(accessControl.require(actor, id, Action.VIEW_REPORT)));
	}

	@PostMapping("/studies/{id}/report/release")
	String release(Actor actor, @PathVariable StudyId id, RedirectAttributes redirect) {
		try {
			releases.release(accessControl.require(actor, id, Action.RELEASE_REPORT));
			redirect.addFlashAttribute("notice", "ris.report.released");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("notice", "ris.report.notFinal");
		}
		return "redirect:/studies/" + id;
	}

}
