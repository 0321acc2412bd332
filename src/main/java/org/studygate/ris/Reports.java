package org.studygate.ris;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyId;
import org.studygate.study.StudyOrders;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Studies' reports (docs/guide/ris-interface.md, decision 051): each version kept, the
 * last one shown to whoever may read the report, the earlier ones listed for those who
 * manage the study's access; every reading is an access-log entry of its own
 * ({@code REPORT_READ}).
 */
@Service
public class Reports {

	private final RisStore store;

	private final StudyOrders studyOrders;

	private final AccessControl accessControl;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Reports(RisStore store, StudyOrders studyOrders, AccessControl accessControl, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.studyOrders = studyOrders;
		this.accessControl = accessControl;
		this.events = events;
		this.clock = clock;
	}

	/** Keeps a new version of the study's report; answers its number. */
	@Transactional
	int record(StudyId study, RisStore.NewVersion report) {
		int version = store.addVersion(study.value(), report, clock.instant());
		studyOrders.reportStatus(study, switch (report.status()) {
			case PRELIMINARY -> org.studygate.study.ReportStatus.PRELIMINARY;
			case FINAL, CORRECTED -> org.studygate.study.ReportStatus.FINAL;
			case CANCELLED -> org.studygate.study.ReportStatus.NONE;
		});
		return version;
	}

	/**
	 * Keeps a report version sent through the API by whoever manages the study's access.
	 * @return its version number
	 */
	@Transactional
	public int write(Authorized managing, ReportInput input) {
		return record(managing.study(Action.MANAGE_ACCESS).id(), input.version(clock.instant()));
	}

	/**
	 * The report, read now by the actor the decision point allowed to read it.
	 * @throws NotFoundException when the study has no report yet
	 */
	@Transactional
	public Report read(Authorized reading) {
		Study study = reading.study(Action.VIEW_REPORT);
		List<Report.Version> versions = store.versions(study.id().value());
		if (versions.isEmpty()) {
			throw new NotFoundException("report");
		}
		Report.Version last = versions.get(0);
		events.publishEvent(new ReportRead(clock.instant(), reading.actor().asAuditActor(), study.id().value(),
				last.version(), "TEXT"));
		boolean manager = reading.actor().administers(study.departmentId());
		String pdfUrl = store.lastHasPdf(study.id().value()) ? "/api/v1/studies/" + study.id() + "/report/pdf" : null;
		return new Report(last.version(), last.status(), last.text(), last.reportedAt(), last.radiologist(), pdfUrl,
				manager ? versions : List.of());
	}

	/**
	 * The report as the study page shows it, when the actor may read it and there is one;
	 * showing it is reading it. Asking logs no denial: the page shows the images either
	 * way.
	 */
	@Transactional
	public Optional<Report> onStudyPage(Actor actor, Study study) {
		if (!accessControl.decide(actor, study, Action.VIEW_REPORT).isPermitted()
				|| store.versions(study.id().value()).isEmpty()) {
			return Optional.empty();
		}
		Report report = read(accessControl.require(actor, study.id(), Action.VIEW_REPORT));
		String pdfUrl = report.pdfUrl() == null ? null : "/studies/" + study.id() + "/report/pdf";
		return Optional.of(new Report(report.version(), report.status(), report.text(), report.reportedAt(),
				report.radiologist(), pdfUrl, report.versions()));
	}

	/**
	 * The report's document, read now by the actor the decision point allowed to read it.
	 * @throws NotFoundException when the report has none
	 */
	@Transactional
	public byte[] pdf(Authorized reading) {
		UUID study = reading.study(Action.VIEW_REPORT).id().value();
		byte[] pdf = store.lastPdf(study).orElseThrow(() -> new NotFoundException("report"));
		int version = store.versions(study).get(0).version();
		events.publishEvent(new ReportRead(clock.instant(), reading.actor().asAuditActor(), study, version, "PDF"));
		return pdf;
	}

}
