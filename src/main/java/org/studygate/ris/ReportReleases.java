package org.studygate.ris;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.studygate.ConflictException;
import org.studygate.NotFoundException;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.audit.AuditOutcome;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyOrders;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The release of a final report to the patient (docs/guide/ris-interface.md, decision
 * 052): by the requesting physician or a source admin of the study's department, whatever
 * the department's release rule; a release never makes a report available later than it
 * already is. Each release and each refusal is an access-log entry
 * ({@code REPORT_RELEASED}).
 */
@Service
public class ReportReleases {

	private final RisStore store;

	private final StudyOrders studyOrders;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ReportReleases(RisStore store, StudyOrders studyOrders, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.studyOrders = studyOrders;
		this.events = events;
		this.clock = clock;
	}

	/** Whether the actor is one who may release the study's report. */
	static boolean mayRelease(Actor actor, Study study) {
		boolean requester = study.requesterNumber() != null
				&& actor.physicianNumbers().contains(study.requesterNumber());
		return requester || actor.isSourceAdminOf(study.departmentId());
	}

	/**
	 * Makes the study's final report available to the patient now.
	 * @return the instant from which the patient may read it
	 * @throws AccessDeniedException when the reader is neither the requesting physician
	 * nor a source admin of the department
	 * @throws NotFoundException when the study has no report
	 * @throws ConflictException when its report is not final
	 */
	@Transactional
	public Instant release(Authorized reading) {
		Study study = reading.study(Action.VIEW_REPORT);
		Actor actor = reading.actor();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		if (!mayRelease(actor, study)) {
			events.publishEvent(new ReportReleased(now, actor.asAuditActor(), study.id().value(), AuditOutcome.DENIED,
					Map.of("reason", "neither the requesting physician nor a source admin")));
			throw new AccessDeniedException("only the requesting physician or a source admin releases the report");
		}
		List<Report.Version> versions = store.versions(study.id().value());
		if (versions.isEmpty()) {
			throw new NotFoundException("report");
		}
		Report.Version last = versions.get(0);
		if (last.status() != ReportStatus.FINAL && last.status() != ReportStatus.CORRECTED) {
			throw new ConflictException("only a final report is released to the patient");
		}
		studyOrders.reportAvailableFrom(study.id(), now);
		Instant available = study.reportAvailableAt() != null && study.reportAvailableAt().isBefore(now)
				? study.reportAvailableAt() : now;
		events.publishEvent(new ReportReleased(now, actor.asAuditActor(), study.id().value(), AuditOutcome.SUCCESS,
				Map.of("version", Integer.toString(last.version()), "availableAt", available.toString())));
		return available;
	}

}
