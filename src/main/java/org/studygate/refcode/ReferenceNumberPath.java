package org.studygate.refcode;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.studygate.access.AccessPath;
import org.studygate.access.Action;
import org.studygate.access.Decision;
import org.studygate.access.PathName;
import org.studygate.department.Departments;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.directory.Actor;
import org.studygate.study.ReportStatus;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The way in of a patient's code session (docs/product/03-access-decisions.md): the
 * studies of the reference number the session was opened with, while the code is active
 * and in force, read from the database on every decision (a withdrawn or blocked code
 * stops the session at its next request). The patient may list the studies and view their
 * images, and read the report when the department's patient scope includes it and the
 * department's release rule has made it available (decision 052). Any surface that turns
 * a code session into {@link Actor#patient} (the patient pages, a DICOMweb gateway) gets
 * this path.
 */
@Component
@Order(40)
class ReferenceNumberPath implements AccessPath {

	private static final Set<Action> IMAGES = Set.of(Action.LIST, Action.VIEW_IMAGES);

	private final ReferenceNumberStore store;

	private final Departments departments;

	private final CodeIssuers issuers;

	ReferenceNumberPath(ReferenceNumberStore store, Departments departments, CodeIssuers issuers) {
		this.store = store;
		this.departments = departments;
		this.issuers = issuers;
	}

	/**
	 * A bucket's own scope when the code is a bucket's, the department's patient scope
	 * otherwise.
	 */
	private boolean reportAllowed(Actor actor, Study study) {
		Optional<CodeTerms.Terms> terms = issuers.terms(actor.codeId());
		if (terms.isPresent()) {
			return terms.get().reportAllowed();
		}
		return departments.find(study.departmentId())
			.map(d -> d.settings()
				.referenceNumbers()
				.patientScope() == ReferenceNumberPolicy.PatientScope.IMAGES_REPORT_READ)
			.orElse(false);
	}

	/**
	 * Whether the study has a report the release rule has made available to the patient
	 * by now.
	 */
	private static boolean released(Study study, Instant now) {
		Instant available = study.reportAvailableAt();
		return study.reportStatus() != ReportStatus.NONE && available != null && !now.isBefore(available);
	}

	@Override
	public PathName name() {
		return PathName.CODE_SESSION;
	}

	@Override
	public Optional<Decision.Permitted> permits(Actor actor, Study study, Action action, Instant now) {
		if (!actor.isPatient()) {
			return Optional.empty();
		}
		boolean allowed = IMAGES.contains(action)
				|| action == Action.VIEW_REPORT && released(study, now) && reportAllowed(actor, study);
		if (!allowed) {
			return Optional.empty();
		}
		return store.opening(actor.codeId(), study.id().value(), now)
			.map(open -> new Decision.Permitted(PathName.CODE_SESSION, "reference number " + actor.codeId(),
					open.until()));
	}

	@Override
	public StudyCondition listCondition(Actor actor, Instant now) {
		if (!actor.isPatient()) {
			return StudyCondition.never();
		}
		return ReferenceNumberStore.openedStudies(actor.codeId(), now);
	}

}
