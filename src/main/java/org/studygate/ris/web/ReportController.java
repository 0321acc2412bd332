package org.studygate.ris.web;

import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.directory.Actor;
import org.studygate.ris.Reports;
import org.studygate.study.StudyId;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The report document opened from the study page, shown inline in the browser. */
@Controller
class ReportController {

	private final AccessControl accessControl;

	private final Reports reports;

	ReportController(AccessControl accessControl, Reports reports) {
		this.accessControl = accessControl;
		this.reports = reports;
	}

	@GetMapping("/studies/{id}/report/pdf")
	ResponseEntity<byte[]> pdf(Actor actor, @PathVariable StudyId id) {
		return ReportApiController.inline(reports.pdf(accessControl.require(actor, id, Action.VIEW_REPORT)));
	}

}
