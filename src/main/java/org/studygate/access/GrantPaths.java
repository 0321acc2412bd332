package org.studygate.access;

import java.time.Instant;
import java.util.Optional;

import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The ways in that explicit grants open: a grant to the user himself, and a grant to a group he is
 * a member of now (so a group's grant reaches its current and future members, and leaves a member
 * who leaves). Read from the grant table on every decision; nothing is cached.
 */
final class GrantPaths {

	private GrantPaths() {
	}

	static Optional<Decision.Permitted> permitting(PathName path, SubjectType type, GrantStore store, Actor actor,
			Study study, Action action, Instant now) {
		if (!Grant.MAY_GIVE.contains(action)) {
			return Optional.empty();
		}
		return store.liveFor(study.id(), actor)
			.stream()
			.filter(g -> g.subjectType() == type && g.inForceAt(now) && g.allows(action))
			.findFirst()
			.map(g -> new Decision.Permitted(path, "grant " + g.id() + " to " + type.name().toLowerCase() + " "
					+ g.subjectId()));
	}

	/** A grant to the user himself. */
	@Component
	@Order(20)
	static class UserGrantPath implements AccessPath {

		private final GrantStore store;

		UserGrantPath(GrantStore store) {
			this.store = store;
		}

		@Override
		public PathName name() {
			return PathName.GRANT_USER;
		}

		@Override
		public Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now) {
			return permitting(name(), SubjectType.USER, store, actor, study, action, now);
		}

		@Override
		public StudyCondition listCondition(Actor actor, Instant now) {
			return GrantStore.grantedToUser(actor, now);
		}

	}

	/** A grant to a group the user is a member of now. */
	@Component
	@Order(21)
	static class GroupGrantPath implements AccessPath {

		private final GrantStore store;

		GroupGrantPath(GrantStore store) {
			this.store = store;
		}

		@Override
		public PathName name() {
			return PathName.GRANT_GROUP;
		}

		@Override
		public Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now) {
			return permitting(name(), SubjectType.GROUP, store, actor, study, action, now);
		}

		@Override
		public StudyCondition listCondition(Actor actor, Instant now) {
			return GrantStore.grantedToGroups(actor, now);
		}

	}

}
