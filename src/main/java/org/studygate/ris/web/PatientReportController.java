package org.studygate.ris.web;

import org.studygate.directory.Actor;
import org.studygate.ris.PatientReports;
import org.studygate.ris.Report;
import org.studygate.study.StudyId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The report for the patient's app (docs/api.md): 200 once released and when the code's
 * scope includes it, 403 (ProblemDetail) otherwise, 404 for a study the session does not
 * open.
 */
@RestController
class PatientReportController {

	private final PatientReports reports;

	PatientReportController(PatientReports reports) {
		this.reports = reports;
	}

	@GetMapping("/patient/api/studies/{id}/report")
	Report report(Actor actor, @PathVariable StudyId id) {
		return reports.read(actor, id);
	}

	@GetMapping("/patient/api/studies/{id}/report/pdf")
	ResponseEntity<byte[]> pdf(Actor actor, @PathVariable StudyId id) {
		return ReportApiController.inline(reports.pdf(actor, id));
	}

}
