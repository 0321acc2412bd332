package org.studygate.access.web;

import java.time.Instant;
import java.util.Optional;

import org.studygate.InvalidInputException;
import org.studygate.access.Restriction;
import org.studygate.access.Restrictions;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Restricting a study in the REST API (decision 060, docs/api.md). */
@RestController
class RestrictionApiController {

	private final Restrictions restrictions;

	RestrictionApiController(Restrictions restrictions) {
		this.restrictions = restrictions;
	}

	record RestrictionBody(Boolean restricted, String reason) {

	}

	record RestrictionItem(boolean restricted, Instant restrictedAt, String restrictedBy, String reason) {

		static RestrictionItem of(Optional<Restriction> restriction) {
			return restriction.map(r -> new RestrictionItem(true, r.restrictedAt(), r.restrictedBy(), r.reason()))
				.orElse(new RestrictionItem(false, null, null, null));
		}

	}

	@PutMapping("/api/v1/studies/{id}/restriction")
	RestrictionItem restrict(Actor actor, @PathVariable StudyId id, @RequestBody RestrictionBody body) {
		if (body.restricted() == null) {
			throw new InvalidInputException("restricted", "must be true or false");
		}
		return RestrictionItem.of(restrictions.restrict(actor, id, body.restricted(), body.reason()));
	}

}
