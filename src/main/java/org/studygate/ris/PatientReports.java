package org.studygate.ris;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.studygate.access.AccessControl;
import org.studygate.access.AccessDenied;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.directory.Actor;
import org.studygate.study.ReportStatus;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The report as a patient signed in with a code reads it (docs/guide/ris-interface.md,
 * decision 052): only when the code's scope includes the report (the decision point's
 * VIEW_REPORT) and once the department's release rule made it available. Each reading is
 * a {@code REPORT_READ} of the patient; each refusal an access-log denial.
 */
@Service
public class PatientReports {

	private final AccessControl accessControl;

	private final Reports reports;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PatientReports(AccessControl accessControl, Reports reports, ApplicationEventPublisher events, Clock clock) {
		this.accessControl = accessControl;
		this.reports = reports;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The report for the patient's study page, when the patient may read it now; showing
	 * it is reading it. Asking logs no denial: the page shows the images either way.
	 */
	@Transactional
	public Optional<Report> onPatientPage(Actor actor, Study study) {
		if (!actor.isPatient() || !released(study)
				|| !accessControl.decide(actor, study, Action.VIEW_REPORT).isPermitted()) {
			return Optional.empty();
		}
		return reports.onStudyPage(actor, study)
			.map(report -> forPatient(report, "/patient/studies/" + study.id() + "/report/pdf"));
	}

	/**
	 * The report of a study the patient's code opens.
	 * @throws org.studygate.NotFoundException when the code does not open the study, or
	 * the study has no report
	 * @throws AccessDeniedException when the code's scope leaves the report out or the
	 * report is not released yet
	 */
	@Transactional
	public Report read(Actor actor, StudyId id) {
		return forPatient(reports.read(released(actor, id)), "/patient/api/studies/" + id + "/report/pdf");
	}

	/** The report's document, on the same terms as {@link #read}. */
	@Transactional
	public byte[] pdf(Actor actor, StudyId id) {
		return reports.pdf(released(actor, id));
	}

	private Authorized released(Actor actor, StudyId id) {
		if (!actor.isPatient()) {
			throw new AccessDeniedException("not a patient's code session");
		}
		Authorized reading = accessControl.require(actor, id, Action.VIEW_REPORT);
		if (!released(reading.study())) {
			events.publishEvent(new AccessDenied(clock.instant(), actor.asAuditActor(), id.value(), Action.VIEW_REPORT,
					"report not released to the patient"));
			throw new AccessDeniedException("the report is not released to the patient");
		}
		return reading;
	}

	private boolean released(Study study) {
		Instant available = study.reportAvailableAt();
		return study.reportStatus() != ReportStatus.NONE && available != null && !clock.instant().isBefore(available);
	}

	private static Report forPatient(Report report, String pdfUrl) {
		return new Report(report.version(), report.status(), report.text(), report.reportedAt(), report.radiologist(),
				report.pdfUrl() == null ? null : pdfUrl, report.availableToPatientAt(), false, List.of());
	}

}
