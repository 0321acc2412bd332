package org.studygate.refcode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.audit.AuditEntry;
import org.studygate.audit.AuditTrail;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.study.ReportStatus;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyCursor;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudySummary;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a patient signed in with a code sees (docs/product/05-workflows.md): the code's
 * studies only, read-only, through the decision point like every other surface; the
 * report only when the department's patient scope includes it and its "available for
 * patient" instant has passed; and who accessed each study.
 */
@Service
public class PatientView {

	private final AccessControl access;

	private final Studies studies;

	private final Departments departments;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PatientView(AccessControl access, Studies studies, Departments departments, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock) {
		this.access = access;
		this.studies = studies;
		this.departments = departments;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** One study as the patient sees it. */
	public record PatientStudy(Study study, ZoneId zone, String departmentName, boolean reportShown,
			ReportStatus reportStatus, Instant reportAvailableAt, List<AuditEntry> accessedBy) {

	}

	/** The studies of the patient's code, newest first. */
	public List<StudySummary> studies(Actor actor) {
		requirePatient(actor);
		return studies.search(StudyFilter.none(), access.visibleStudies(actor), (StudyCursor) null, Studies.MAX_PAGE);
	}

	/** Opens one study of the code; logged. Another study is not found. */
	@Transactional
	public PatientStudy study(Actor actor, StudyId id) {
		requirePatient(actor);
		Study study = access.require(actor, id, Action.VIEW_IMAGES).study();
		Instant now = clock.instant();
		boolean report = study.reportStatus() != ReportStatus.NONE && study.reportAvailableAt() != null
				&& !now.isBefore(study.reportAvailableAt())
				&& access.decide(actor, study, Action.VIEW_REPORT).isPermitted();
		var department = departments.find(study.departmentId()).orElseThrow();
		events.publishEvent(new PatientStudyOpened(now, actor.asAuditActor(), id.value(), report));
		return new PatientStudy(study, department.timeZone(), department.name(), report, study.reportStatus(),
				study.reportAvailableAt(), audit.whoAccessed(List.of(id.value())));
	}

	private static void requirePatient(Actor actor) {
		if (!actor.isPatient()) {
			throw new AccessDeniedException("not a patient's code session");
		}
	}

}
