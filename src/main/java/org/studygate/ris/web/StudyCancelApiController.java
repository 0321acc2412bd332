package org.studygate.ris.web;

import java.util.Map;

import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.directory.Actor;
import org.studygate.ris.Cancellations;
import org.studygate.ris.ReportInput;
import org.studygate.ris.Reports;
import org.studygate.study.StudyId;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a RIS without HL7 does through the API (docs/api.md): cancel and restore a study,
 * send a report version. Whoever manages the study's access; 404 for who may not list it.
 */
@RestController
@RequestMapping("/api/v1/studies/{id}")
class StudyCancelApiController {

	private final AccessControl accessControl;

	private final Cancellations cancellations;

	private final Reports reports;

	StudyCancelApiController(AccessControl accessControl, Cancellations cancellations, Reports reports) {
		this.accessControl = accessControl;
		this.cancellations = cancellations;
		this.reports = reports;
	}

	/** The reason given for a cancellation or its undoing. */
	record Reason(String reason) {

	}

	@PostMapping("/cancel")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancel(Actor actor, @PathVariable StudyId id, @RequestBody Reason body) {
		cancellations.cancel(accessControl.require(actor, id, Action.MANAGE_ACCESS), body.reason());
	}

	@PostMapping("/uncancel")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void uncancel(Actor actor, @PathVariable StudyId id, @RequestBody Reason body) {
		cancellations.uncancel(accessControl.require(actor, id, Action.MANAGE_ACCESS), body.reason());
	}

	@PutMapping("/report")
	Map<String, Integer> report(Actor actor, @PathVariable StudyId id, @RequestBody ReportInput input) {
		return Map.of("version", reports.write(accessControl.require(actor, id, Action.MANAGE_ACCESS), input));
	}

}
