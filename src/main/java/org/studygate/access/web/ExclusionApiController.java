package org.studygate.access.web;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.access.Exclusion;
import org.studygate.access.Exclusions;
import org.studygate.access.SubjectType;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Withdrawing and restoring implicit ways into a study in the REST API (decision 060,
 * docs/api.md "Exclusions").
 */
@RestController
@RequestMapping("/api/v1/studies/{id}/exclusions")
class ExclusionApiController {

	private final Exclusions exclusions;

	ExclusionApiController(Exclusions exclusions) {
		this.exclusions = exclusions;
	}

	record ExclusionBody(String userId, String groupId, String reason) {

	}

	record ExclusionItem(String id, String studyId, String subjectType, String subjectId, String path,
			Instant excludedAt, String excludedBy, String reason) {

		static ExclusionItem of(Exclusion e) {
			return new ExclusionItem(e.id().toString(), e.studyId().toString(), e.subjectType().name(),
					e.subjectId().toString(), e.path(), e.excludedAt(), e.excludedByName(), e.reason());
		}

	}

	@PostMapping
	ResponseEntity<ExclusionItem> exclude(Actor actor, @PathVariable StudyId id, @RequestBody ExclusionBody body) {
		boolean user = body.userId() != null && !body.userId().isBlank();
		boolean group = body.groupId() != null && !body.groupId().isBlank();
		if (user == group) {
			throw new InvalidInputException("userId", "name exactly one of userId and groupId");
		}
		UUID subject = user ? Fields.uuid("userId", body.userId()) : Fields.uuid("groupId", body.groupId());
		Exclusion exclusion = exclusions
			.exclude(actor, id, user ? SubjectType.USER : SubjectType.GROUP, subject, body.reason())
			.line()
			.exclusion();
		return ResponseEntity.created(URI.create("/api/v1/studies/" + id + "/exclusions/" + exclusion.id()))
			.body(ExclusionItem.of(exclusion));
	}

	@DeleteMapping("/{exclusionId}")
	ResponseEntity<Void> restore(Actor actor, @PathVariable StudyId id, @PathVariable String exclusionId) {
		UUID exclusion;
		try {
			exclusion = UUID.fromString(exclusionId);
		}
		catch (IllegalArgumentException malformed) {
			throw new NotFoundException("exclusion");
		}
		exclusions.restore(actor, id, exclusion);
		return ResponseEntity.noContent().build();
	}

}
