package org.studygate.ris.web;

import org.studygate.directory.Actor;
import org.studygate.ris.PatientReports;
import org.studygate.study.StudyId;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The report document opened from the patient's study page, on the same terms as the
 * text; a refusal is the friendly error page.
 */
@Controller
class PatientReportPageController {

	private final PatientReports reports;

	PatientReportPageController(PatientReports reports) {
		this.reports = reports;
	}

	@GetMapping("/patient/studies/{id}/report/pdf")
	ResponseEntity<byte[]> pdf(Actor actor, @PathVariable StudyId id) {
		return ReportApiController.inline(reports.pdf(actor, id));
	}

}
