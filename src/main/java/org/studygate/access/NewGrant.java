package org.studygate.access;

import java.time.Instant;
import java.util.UUID;

import org.studygate.InvalidInputException;

/**
 * A grant to give: checked here, merged with a grant the subject already holds on the
 * study.
 *
 * @param validFrom {@code null} = at once
 * @param validUntil {@code null} = no end
 */
public record NewGrant(SubjectType subjectType, UUID subjectId, GrantScope scope, boolean mayShare, boolean mayTransfer,
		Instant validFrom, Instant validUntil, GrantOrigin origin) {

	public NewGrant {
		if (subjectType == null) {
			throw new InvalidInputException("subjectType", "must be USER or GROUP");
		}
		if (subjectId == null) {
			throw new InvalidInputException("subjectId", "is required");
		}
		if (scope == null) {
			throw new InvalidInputException("scope", "must be IMAGES, IMAGES_REPORT_READ or IMAGES_REPORT_WRITE");
		}
		if (origin == null) {
			throw new InvalidInputException("origin", "is required");
		}
		if (validFrom != null && validUntil != null && !validFrom.isBefore(validUntil)) {
			throw new InvalidInputException("validUntil", "must be after validFrom");
		}
	}

}
