package org.studygate.directory.web;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.directory.PracticeSharing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own choice whether his practices' colleagues see his studies (decision
 * 061, docs/api.md).
 */
@RestController
@RequestMapping("/api/v1/my/practice-sharing")
class PracticeSharingApiController {

	private final PracticeSharing practiceSharing;

	PracticeSharingApiController(PracticeSharing practiceSharing) {
		this.practiceSharing = practiceSharing;
	}

	record Sharing(Boolean shares) {

	}

	@GetMapping
	Sharing mine(Actor actor) {
		if (!actor.isUser()) {
			throw new org.springframework.security.access.AccessDeniedException("staff users only");
		}
		return new Sharing(practiceSharing.sharesWithPractice(actor.userId()));
	}

	@PutMapping
	Sharing change(Actor actor, @RequestBody Sharing body) {
		if (body.shares() == null) {
			throw new InvalidInputException("shares", "must be true or false");
		}
		return new Sharing(practiceSharing.change(actor, body.shares()));
	}

}
