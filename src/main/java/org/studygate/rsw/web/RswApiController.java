package org.studygate.rsw.web;

import java.util.List;

import org.studygate.department.RswPublishing;
import org.studygate.directory.Actor;
import org.studygate.rsw.QueueLine;
import org.studygate.rsw.RegionalPublisher;
import org.studygate.rsw.RswStatus;
import org.studygate.study.StudyId;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The regional health network in the REST API: a study's RSW status and "Send"
 * (MANAGE_ACCESS), a department's queue (its source admins, the service desk) and its
 * publishing settings (the service desk).
 */
@RestController
@RequestMapping("/api/v1")
class RswApiController {

	private final RegionalPublisher publisher;

	RswApiController(RegionalPublisher publisher) {
		this.publisher = publisher;
	}

	@GetMapping("/studies/{id}/rsw")
	RswStatus status(Actor actor, @PathVariable StudyId id) {
		return publisher.status(actor, id);
	}

	/** Queues the study again; 202 with the status, now QUEUED. */
	@PostMapping("/studies/{id}/rsw/send")
	ResponseEntity<RswStatus> send(Actor actor, @PathVariable StudyId id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(publisher.send(actor, id));
	}

	@GetMapping("/departments/{code}/rsw/queue")
	List<QueueLine> queue(Actor actor, @PathVariable String code) {
		return publisher.queue(actor, code);
	}

	/**
	 * Replaces the department's publishing settings; a bearer token is named, never
	 * given.
	 */
	@PutMapping("/departments/{code}/rsw")
	RswPublishing change(Actor actor, @PathVariable String code, @RequestBody RswPublishing publishing) {
		if (publishing == null) {
			throw new org.studygate.InvalidInputException("rsw", "is required");
		}
		return publisher.changeSettings(actor, code, publishing).settings().rsw();
	}

}
