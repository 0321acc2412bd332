package org.studygate.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The ways in that a study's order opens to physicians. */
final class PhysicianPaths {

	private PhysicianPaths() {
	}

	/**
	 * The referring physician and the physicians copied on the order see the study and
	 * its report, share it and send it to their PACS; the referring physician alone
	 * releases the report to the patient (decision 052).
	 */
	@Component
	@Order(10)
	static class RequesterPath implements AccessPath {

		private static final Set<Action> ALLOWED = EnumSet.of(Action.LIST, Action.VIEW_IMAGES, Action.VIEW_REPORT,
				Action.DOWNLOAD, Action.FORWARD, Action.SHARE, Action.RELEASE_REPORT);

		@Override
		public PathName name() {
			return PathName.REQUESTER_CC;
		}

		@Override
		public ExclusionReach exclusionReach() {
			return ExclusionReach.USER;
		}

		@Override
		public Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now) {
			if (!ALLOWED.contains(action) || !study.isRequestedByOrCopiedTo(actor.physicianNumbers())) {
				return Optional.empty();
			}
			boolean requester = actor.physicianNumbers().contains(study.requesterNumber());
			if (action == Action.RELEASE_REPORT && !requester) {
				return Optional.empty();
			}
			return Optional.of(new Decision.Permitted(name(),
					(requester ? "requested by " + study.requesterNumber() : "copied to the physician")));
		}

		@Override
		public StudyCondition listCondition(Actor actor, Instant now) {
			return StudyCondition.requestedByOrCopiedTo(actor.physicianNumbers());
		}

	}

	/**
	 * The members of a group practice see the studies its physicians requested or were
	 * copied on, so that a colleague can take over a patient.
	 */
	@Component
	@Order(11)
	static class PracticePath implements AccessPath {

		private static final Set<Action> ALLOWED = EnumSet.of(Action.LIST, Action.VIEW_IMAGES, Action.VIEW_REPORT);

		@Override
		public PathName name() {
			return PathName.GROUP_PRACTICE;
		}

		@Override
		public ExclusionReach exclusionReach() {
			return ExclusionReach.USER_AND_GROUPS;
		}

		@Override
		public Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now) {
			Set<String> colleagues = colleagues(actor);
			if (!ALLOWED.contains(action) || !study.isRequestedByOrCopiedTo(colleagues)) {
				return Optional.empty();
			}
			return Optional.of(new Decision.Permitted(name(), "practice colleague of the requesting physician"));
		}

		@Override
		public StudyCondition listCondition(Actor actor, Instant now) {
			return StudyCondition.requestedByOrCopiedTo(colleagues(actor));
		}

		private static Set<String> colleagues(Actor actor) {
			Set<String> colleagues = new HashSet<>(actor.practicePhysicianNumbers());
			colleagues.removeAll(actor.physicianNumbers());
			return colleagues;
		}

	}

}
