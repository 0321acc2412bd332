package org.studygate.ris;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.department.Departments;
import org.studygate.department.ReportRelease;
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

	private final Departments departments;

	private final Clock clock;

	Reports(RisStore store, StudyOrders studyOrders, AccessControl accessControl, Departments departments,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.departments = departments;
		this.studyOrders = studyOrders;
		this.accessControl = accessControl;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Keeps a new version of the study's report; answers its number. A final or corrected
	 * version makes the report available to the patient as the department's release rule
	 * says (decision 052); a cancelled one takes it back.
	 */
	@Transactional
	int record(StudyId study, ReportRelease release, RisStore.NewVersion report) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		int version = store.addVersion(study.value(), report, now);
		studyOrders.reportStatus(study, switch (report.status()) {
			case PRELIMINARY -> org.studygate.study.ReportStatus.PRELIMINARY;
			case FINAL, CORRECTED -> org.studygate.study.ReportStatus.FINAL;
			case CANCELLED -> org.studygate.study.ReportStatus.NONE;
		});
		if (report.status() == ReportStatus.FINAL || report.status() == ReportStatus.CORRECTED) {
			release.availableAt(now).ifPresent(at -> studyOrders.reportAvailableFrom(study, at));
		}
		else if (report.status() == ReportStatus.CANCELLED) {
			studyOrders.withholdReport(study);
		}
		return version;
	}

	/**
	 * Keeps a report version sent through the API by whoever manages the study's access.
	 * @return its version number
	 */
	@Transactional
	public int write(Authorized managing, ReportInput input) {
		Study study = managing.study(Action.MANAGE_ACCESS);
		return record(study.id(), release(study), input.version(clock.instant()));
	}

	private ReportRelease release(Study study) {
		return departments.find(study.departmentId())
			.map(d -> d.settings().reportRelease())
			.orElseGet(ReportRelease::defaults);
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
		Instant available = (last.status() == ReportStatus.FINAL || last.status() == ReportStatus.CORRECTED)
				? study.reportAvailableAt() : null;
		boolean releasable = available == null || available.isAfter(clock.instant());
		releasable &= (last.status() == ReportStatus.FINAL || last.status() == ReportStatus.CORRECTED)
				&& accessControl.decide(reading.actor(), study, Action.RELEASE_REPORT).isPermitted();
		return new Report(last.version(), last.status(), last.text(), last.reportedAt(), last.radiologist(), pdfUrl,
				available, releasable, manager ? versions : List.of());
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
		return Optional
			.of(report.withPdfUrl(report.pdfUrl() == null ? null : "/studies/" + study.id() + "/report/pdf"));
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
