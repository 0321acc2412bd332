package org.studygate.ris.web;

import java.time.Instant;

import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.directory.Actor;
import org.studygate.ris.Report;
import org.studygate.ris.ReportReleases;
import org.studygate.ris.Reports;
import org.studygate.study.StudyId;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A study's report in the REST API (docs/api.md): 200 for whoever may read it, 403 for
 * who sees the study but not its report, 404 for who may not list the study.
 */
@RestController
@RequestMapping("/api/v1/studies/{id}/report")
class ReportApiController {

	private final AccessControl accessControl;

	private final Reports reports;

	private final ReportReleases releases;

	ReportApiController(AccessControl accessControl, Reports reports, ReportReleases releases) {
		this.accessControl = accessControl;
		this.reports = reports;
		this.releases = releases;
	}

	/** When the released report is available to the patient. */
	record Released(Instant availableToPatientAt) {

	}

	/**
	 * Releases the final report to the patient (decision 052): the requesting physician
	 * or a source admin; 403 for other readers, 409 when the report is not final.
	 */
	@PostMapping("/release")
	Released release(Actor actor, @PathVariable StudyId id) {
		return new Released(releases.release(accessControl.require(actor, id, Action.RELEASE_REPORT)));
	}

	@GetMapping
	Report report(Actor actor, @PathVariable StudyId id) {
		return reports.read(accessControl.require(actor, id, Action.VIEW_REPORT));
	}

	@GetMapping("/pdf")
	ResponseEntity<byte[]> pdf(Actor actor, @PathVariable StudyId id) {
		return inline(reports.pdf(accessControl.require(actor, id, Action.VIEW_REPORT)));
	}

	static ResponseEntity<byte[]> inline(byte[] pdf) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header("Content-Disposition", "inline; filename=\"report.pdf\"")
			.header("Cache-Control", "no-store")
			.body(pdf);
	}

}
