package org.studygate.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.studygate.directory.Actor;
import org.studygate.directory.GroupKind;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The ways in that come with a role rather than with a study: the service desk, and the
 * source groups of the sending department.
 */
final class SourceGroupPaths {

	private SourceGroupPaths() {
	}

	/**
	 * Platform operators: everything, on every department, cancelled studies included,
	 * except releasing a report to the patient, which is the physician's or the
	 * department's call (decision 052).
	 */
	@Component
	@Order(0)
	static class ServiceDeskPath implements AccessPath {

		@Override
		public PathName name() {
			return PathName.SERVICE_DESK;
		}

		@Override
		public Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now) {
			return actor.serviceDesk() && action != Action.RELEASE_REPORT
					? Optional.of(new Decision.Permitted(name(), "service desk")) : Optional.empty();
		}

		@Override
		public StudyCondition listCondition(Actor actor, Instant now) {
			return actor.serviceDesk() ? StudyCondition.always() : StudyCondition.never();
		}

		@Override
		public boolean opensCancelledStudies() {
			return true;
		}

	}

	/**
	 * Members of the department's admin group manage access to its studies, cancelled
	 * ones too.
	 */
	@Component
	@Order(1)
	static class SourceAdminPath implements AccessPath {

		@Override
		public PathName name() {
			return PathName.SOURCE_ADMIN;
		}

		@Override
		public Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now) {
			return actor.isSourceAdminOf(study.departmentId())
					? Optional.of(new Decision.Permitted(name(), "admin of the sending department")) : Optional.empty();
		}

		@Override
		public StudyCondition listCondition(Actor actor, Instant now) {
			return StudyCondition.inDepartments(actor.sourceDepartments(GroupKind.SOURCE_ADMINS));
		}

		@Override
		public boolean opensCancelledStudies() {
			return true;
		}

	}

	/**
	 * Members of the department's user group see and open its studies, share them and
	 * send them on; managing access and reading the log stay with the admins.
	 */
	@Component
	@Order(2)
	static class SourceUserPath implements AccessPath {

		private static final Set<Action> ALLOWED = EnumSet.of(Action.LIST, Action.VIEW_IMAGES, Action.VIEW_REPORT,
				Action.DOWNLOAD, Action.FORWARD, Action.SHARE);

		@Override
		public PathName name() {
			return PathName.SOURCE_USER;
		}

		@Override
		public Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now) {
			return actor.isSourceUserOf(study.departmentId()) && ALLOWED.contains(action)
					? Optional.of(new Decision.Permitted(name(), "user of the sending department")) : Optional.empty();
		}

		@Override
		public StudyCondition listCondition(Actor actor, Instant now) {
			return StudyCondition.inDepartments(actor.sourceDepartments(GroupKind.SOURCE_USERS));
		}

	}

}
