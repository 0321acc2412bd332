package org.studygate.breakglass;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.studygate.access.AccessPath;
import org.studygate.access.Action;
import org.studygate.access.Decision;
import org.studygate.access.PathName;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The way in that an unlock in force opens (docs/product/03-access-decisions.md "active
 * unlock"): what an emergency needs, to find the study, see its images and read its
 * report. Not downloading, forwarding or sharing (the data stays on the platform), not
 * managing access or reading the log (decision 012). Read from the unlock table on every
 * decision, so an expired or revoked unlock stops at the next request; cancelled studies
 * stay closed (the decision point skips this path for them).
 */
@Component
@Order(30)
class UnlockPath implements AccessPath {

	static final Set<Action> PERMITS = EnumSet.of(Action.LIST, Action.VIEW_IMAGES, Action.VIEW_REPORT);

	private final UnlockStore store;

	UnlockPath(UnlockStore store) {
		this.store = store;
	}

	@Override
	public PathName name() {
		return PathName.UNLOCK;
	}

	@Override
	public Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now) {
		if (!actor.isUser() || !PERMITS.contains(action)) {
			return Optional.empty();
		}
		return store.inForce(actor.userId().value(), study.id(), now)
			.map(u -> new Decision.Permitted(name(),
					"unlock " + u.id() + " (" + u.purpose() + ") until " + u.expiresAt(), u.expiresAt()));
	}

	@Override
	public StudyCondition listCondition(Actor actor, Instant now) {
		return actor.isUser() ? UnlockStore.inForceCondition(actor.userId().value(), now) : StudyCondition.never();
	}

}
