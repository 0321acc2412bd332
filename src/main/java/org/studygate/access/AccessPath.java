package org.studygate.access;

import java.time.Instant;
import java.util.Optional;

import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;

/**
 * One way into a study. The decision point asks every path; a path that permits answers
 * with the basis. Capabilities outside this module (break-the-glass, buckets, reference
 * numbers) implement it as a Spring bean.
 *
 * <p>
 * The two methods must agree: a study satisfies {@link #listCondition} exactly when
 * {@link #permits} answers for {@link Action#LIST}. Expired, withdrawn and not-yet-valid
 * ways in never permit, and nothing may be cached beyond one request.
 */
public interface AccessPath {

	PathName name();

	/** Whether this path lets the actor take the action on the study now. */
	Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now);

	/**
	 * The studies this path lets the actor LIST now, as a condition of the list query.
	 */
	StudyCondition listCondition(Actor actor, Instant now);

	/**
	 * Whether this path still opens cancelled studies (only source admins and the service
	 * desk).
	 */
	default boolean opensCancelledStudies() {
		return false;
	}

	/**
	 * What a withdrawal of the Users section (an exclusion) shuts on this path; the
	 * roles, unlocks and codes are not shut by one (docs/product/03-access-decisions.md).
	 */
	default ExclusionReach exclusionReach() {
		return ExclusionReach.NONE;
	}

}
