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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The release of a final report to the patient (docs/guide/ris-interface.md, decision
 * 052): by whoever the decision point lets take {@link Action#RELEASE_REPORT} (the
 * requesting physician or an admin of the study's department), whatever the department's
 * release rule; a release never makes a report available later than it already is. Each
 * release is an access-log entry ({@code REPORT_RELEASED}); a refusal is the decision
 * point's ({@code RELEASE_REPORT}, denied).
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

	/**
	 * Makes the study's final report available to the patient now.
	 * @return the instant from which the patient may read it
	 * @param releasing the decided access to release the report
	 * @throws NotFoundException when the study has no report
	 * @throws ConflictException when its report is not final
	 */
	@Transactional
	public Instant release(Authorized releasing) {
		Study study = releasing.study(Action.RELEASE_REPORT);
		Actor actor = releasing.actor();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
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
