package org.studygate.ris;

import java.util.List;
import java.util.Optional;

import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The report as a patient signed in with a code reads it (docs/guide/ris-interface.md,
 * decision 052): only when the decision point lets the patient's code take VIEW_REPORT —
 * the code's scope includes the report and the department's release rule has made it
 * available. Each reading is a {@code REPORT_READ} of the patient; each refusal the
 * decision point's access-log denial.
 */
@Service
public class PatientReports {

	private final AccessControl accessControl;

	private final Reports reports;

	PatientReports(AccessControl accessControl, Reports reports) {
		this.accessControl = accessControl;
		this.reports = reports;
	}

	/**
	 * The report for the patient's study page, when the patient may read it now; showing
	 * it is reading it. Asking logs no denial: the page shows the images either way.
	 */
	@Transactional
	public Optional<Report> onPatientPage(Actor actor, Study study) {
		if (!actor.isPatient() || !accessControl.decide(actor, study, Action.VIEW_REPORT).isPermitted()) {
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
		return accessControl.require(actor, id, Action.VIEW_REPORT);
	}

	private static Report forPatient(Report report, String pdfUrl) {
		return new Report(report.version(), report.status(), report.text(), report.reportedAt(), report.radiologist(),
				report.pdfUrl() == null ? null : pdfUrl, report.availableToPatientAt(), false, List.of());
	}

}
