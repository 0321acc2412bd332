package org.studygate.access;

import java.time.Instant;
import java.util.Optional;

import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The ways in that explicit grants open: a grant to the user himself, and a grant to a
 * group he is a member of now (so a group's grant reaches its current and future members,
 * and leaves a member who leaves). Read from the grant table on every decision; nothing
 * is cached.
 */
final class GrantPaths {

	private GrantPaths() {
	}

	/**
	 * A grant to one kind of subject: permits while a live grant of the actor's is in
	 * force.
	 */
	abstract static class GrantPath implements AccessPath {

		/** The grant ending last wins; one without an end beats every other. */
		private static final java.util.Comparator<Grant> LATEST_END = java.util.Comparator.comparing(Grant::validUntil,
				java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));

		private final GrantStore store;

		private final PathName name;

		private final SubjectType subjectType;

		GrantPath(GrantStore store, PathName name, SubjectType subjectType) {
			this.store = store;
			this.name = name;
			this.subjectType = subjectType;
		}

		@Override
		public PathName name() {
			return name;
		}

		@Override
		public ExclusionReach exclusionReach() {
			return subjectType == SubjectType.USER ? ExclusionReach.USER : ExclusionReach.USER_AND_GROUPS;
		}

		@Override
		public Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now) {
			if (!Grant.MAY_GIVE.contains(action)) {
				return Optional.empty();
			}
			return store.liveFor(study.id(), actor)
				.stream()
				.filter(g -> g.subjectType() == subjectType && g.inForceAt(now) && g.allows(action))
				.max(LATEST_END)
				.map(g -> new Decision.Permitted(name,
						"grant " + g.id() + " to " + subjectType.name().toLowerCase() + " " + g.subjectId(),
						g.validUntil()));
		}

	}

	/** A grant to the user himself. */
	@Component
	@Order(20)
	static class UserGrantPath extends GrantPath {

		UserGrantPath(GrantStore store) {
			super(store, PathName.GRANT_USER, SubjectType.USER);
		}

		@Override
		public StudyCondition listCondition(Actor actor, Instant now) {
			return GrantStore.grantedToUser(actor, now);
		}

	}

	/** A grant to a group the user is a member of now. */
	@Component
	@Order(21)
	static class GroupGrantPath extends GrantPath {

		GroupGrantPath(GrantStore store) {
			super(store, PathName.GRANT_GROUP, SubjectType.GROUP);
		}

		@Override
		public StudyCondition listCondition(Actor actor, Instant now) {
			return GrantStore.grantedToGroups(actor, now);
		}

	}

}
