package org.studygate.explore;

import java.io.Writer;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.StudyTabs;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditTrail;
import org.studygate.audit.ChainReport;
import org.studygate.audit.DayCount;
import org.studygate.audit.FhirSubject;
import org.studygate.audit.LogFilter;
import org.studygate.audit.LogPage;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudySummary;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access log as the decision point lets an actor read it: a study's log to those who
 * may read it (READ_LOG or MANAGE_ACCESS; a refusal is logged and answered 404 or 403
 * like any other), the whole log and its chain verification to the service desk. Every
 * read is published as an auditable event. The log itself lives in the audit module; this
 * is its door (decision 009).
 */
@Service
public class StudyLog {

	/** Days the accesses-per-day chart covers when no dates are chosen. */
	public static final int CHART_DAYS = 30;

	private final AccessControl access;

	private final Studies studies;

	private final AuditTrail trail;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Departments departments;

	StudyLog(AccessControl access, Studies studies, AuditTrail trail, ApplicationEventPublisher events, Clock clock,
			Departments departments) {
		this.departments = departments;
		this.access = access;
		this.studies = studies;
		this.trail = trail;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The Study logging tab: a page of the study's entries, the accesses per day and the
	 * tabs.
	 */
	/**
	 * @param zone the study's department's time zone, in which the tab shows times like
	 * the Access tab (docs/product/04-access-tab.md)
	 */
	public record View(Study study, StudyTabs tabs, LogPage page, List<DayCount> perDay, ZoneId zone) {

	}

	@Transactional
	public View view(Actor actor, StudyId id, LogFilter filter, String after, int limit) {
		Study study = authorize(actor, id);
		events.publishEvent(new StudyLogRead(clock.instant(), actor.asAuditActor(), id.value(), "PAGE"));
		LogPage page = trail.studyLog(id.value(), filter, after, limit);
		ZoneId zone = departments.find(study.departmentId()).map(Department::timeZone).orElse(ZoneOffset.UTC);
		return new View(study, access.tabs(actor, study), page, trail.perDay(id.value(), chartFilter(filter)), zone);
	}

	@Transactional
	public LogPage entries(Actor actor, StudyId id, LogFilter filter, String after, int limit) {
		authorize(actor, id);
		events.publishEvent(new StudyLogRead(clock.instant(), actor.asAuditActor(), id.value(), "API"));
		return trail.studyLog(id.value(), filter, after, limit);
	}

	/**
	 * Writes the study's log as CSV. The writer is asked for only once the actor may read
	 * the log, so that a refusal never starts a download.
	 */
	@Transactional
	public void csv(Actor actor, StudyId id, LogFilter filter, Supplier<Writer> out) {
		authorize(actor, id);
		events.publishEvent(new StudyLogRead(clock.instant(), actor.asAuditActor(), id.value(), "CSV"));
		trail.csv(id.value(), filter, out.get());
	}

	/**
	 * The FHIR AuditEvents of the studies named by Study Instance UID and/or patient ID
	 * that the actor may read the log of, in a period. A study he may not read is simply
	 * not in the answer.
	 */
	@Transactional
	public String fhir(Actor actor, String studyInstanceUid, String patientId, Instant from, Instant to, String self) {
		Map<UUID, FhirSubject> subjects = new LinkedHashMap<>();
		if (studyInstanceUid != null) {
			studies.findIdByUid(studyInstanceUid)
				.flatMap(studies::find)
				.filter(study -> patientId == null || patientId.equals(study.patient().patientId()))
				.filter(study -> mayRead(actor, study))
				.ifPresent(study -> subjects.put(study.id().value(), subject(study)));
		}
		else if (patientId != null) {
			List<StudySummary> candidates = studies.search(new StudyFilter(patientId, null, null, null, null, null),
					access.visibleStudies(actor), null, Studies.MAX_PAGE);
			for (StudySummary candidate : candidates) {
				if (patientId.equals(candidate.patientId())) {
					studies.find(candidate.id())
						.filter(study -> mayRead(actor, study))
						.ifPresent(study -> subjects.put(study.id().value(), subject(study)));
				}
			}
		}
		subjects.keySet()
			.forEach(study -> events
				.publishEvent(new StudyLogRead(clock.instant(), actor.asAuditActor(), study, "FHIR")));
		return trail.fhirSearchset(subjects, from, to, AuditTrail.MAX_EXPORT, self);
	}

	@Transactional
	public LogPage search(Actor actor, LogFilter filter, String after, int limit) {
		requireServiceDesk(actor, "SEARCH");
		events.publishEvent(new AuditLogRead(clock.instant(), actor.asAuditActor(), "SEARCH", filter.toString(),
				AuditOutcome.SUCCESS));
		return trail.search(filter, after, limit);
	}

	@Transactional(readOnly = true)
	public List<DayCount> perDay(Actor actor, LogFilter filter) {
		if (!actor.serviceDesk()) {
			throw new AccessDeniedException("the whole access log is for the service desk");
		}
		return trail.perDay(null, chartFilter(filter));
	}

	@Transactional
	public void csvAll(Actor actor, LogFilter filter, Supplier<Writer> out) {
		requireServiceDesk(actor, "CSV");
		events.publishEvent(new AuditLogRead(clock.instant(), actor.asAuditActor(), "CSV", filter.toString(),
				AuditOutcome.SUCCESS));
		trail.csv(null, filter, out.get());
	}

	@Transactional
	public ChainReport verify(Actor actor, Instant from, Instant to) {
		requireServiceDesk(actor, "VERIFY");
		events.publishEvent(new AuditLogRead(clock.instant(), actor.asAuditActor(), "VERIFY", from + "/" + to,
				AuditOutcome.SUCCESS));
		return trail.verify(from, to);
	}

	private Study authorize(Actor actor, StudyId id) {
		Study study = studies.find(id).orElse(null);
		if (study != null && mayRead(actor, study)) {
			return study;
		}
		return access.require(actor, id, Action.READ_LOG).study();
	}

	private boolean mayRead(Actor actor, Study study) {
		return access.decide(actor, study, Action.READ_LOG).isPermitted()
				|| access.decide(actor, study, Action.MANAGE_ACCESS).isPermitted();
	}

	/**
	 * Refuses anybody but the service desk, and logs the refusal (in its own
	 * transaction).
	 */
	private void requireServiceDesk(Actor actor, String format) {
		if (!actor.serviceDesk()) {
			events.publishEvent(
					new AuditLogRead(clock.instant(), actor.asAuditActor(), format, "refused", AuditOutcome.DENIED));
			throw new AccessDeniedException("the whole access log is for the service desk");
		}
	}

	/**
	 * The filter with the chart's period: the chosen dates, or the last
	 * {@value #CHART_DAYS} days.
	 */
	public LogFilter chartPeriod(LogFilter filter) {
		return chartFilter(filter);
	}

	private LogFilter chartFilter(LogFilter filter) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		LocalDate to = filter.to() == null ? today : filter.to();
		LocalDate from = filter.from() == null ? to.minusDays(CHART_DAYS - 1) : filter.from();
		return new LogFilter(filter.action(), filter.actor(), filter.channel(), filter.outcome(), from, to,
				filter.kind());
	}

	private static FhirSubject subject(Study study) {
		return new FhirSubject(study.studyInstanceUid(), study.patient().patientId(), study.patient().displayName());
	}

}
