package org.studygate.explore;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.studygate.NotFoundException;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditTrail;
import org.studygate.audit.LogFilter;
import org.studygate.audit.LogPage;
import org.studygate.department.DepartmentId;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupKind;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administration log (docs/decisions/027-administration-log.md): the access log's
 * entries of changes to who may do what — users, memberships, departments and their staff
 * and settings. The service desk reads all of them; a department's source admins read
 * those of the departments they administer; anybody else is refused, and the refusal is
 * logged. Every read is logged as well.
 */
@Service
public class AdministrationLog {

	/** What the log read is recorded as. */
	static final String FORMAT = "ADMINISTRATION";

	private final AuditTrail trail;

	private final Departments departments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AdministrationLog(AuditTrail trail, Departments departments, ApplicationEventPublisher events, Clock clock) {
		this.trail = trail;
		this.departments = departments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A page of the entries the actor may read, newest first, optionally of one
	 * department and about one user or group (its id). A department he does not
	 * administer is not found.
	 */
	@Transactional
	public LogPage entries(Actor actor, LogFilter filter, String department, String subject, String after, int limit) {
		Set<String> scope = scope(actor, department == null || department.isBlank() ? null : department.strip());
		String query = filter + " department=" + (department == null ? "" : department) + " subject="
				+ (subject == null ? "" : subject);
		events
			.publishEvent(new AuditLogRead(clock.instant(), actor.asAuditActor(), FORMAT, query, AuditOutcome.SUCCESS));
		return trail.administrationLog(filter, scope, subject, after, limit);
	}

	/**
	 * The codes of the departments whose administration the actor reads, by code; empty
	 * for the service desk, who reads everything.
	 */
	public List<String> departmentsOf(Actor actor) {
		if (actor.serviceDesk()) {
			return List.of();
		}
		return List.copyOf(administered(actor));
	}

	/**
	 * The departments to show, {@code null} meaning every entry; refuses (and logs)
	 * anybody else.
	 */
	private Set<String> scope(Actor actor, String department) {
		if (actor.serviceDesk()) {
			return department == null ? null : Set.of(department);
		}
		Set<String> mine = administered(actor);
		if (mine.isEmpty()) {
			throw refused(actor, "not the service desk nor a source admin",
					new AccessDeniedException("the administration log is for the service desk and source admins"));
		}
		if (department == null) {
			return mine;
		}
		if (!mine.contains(department)) {
			throw refused(actor, "department " + department + " is not his", new NotFoundException("department"));
		}
		return Set.of(department);
	}

	private Set<String> administered(Actor actor) {
		Set<String> codes = new TreeSet<>();
		actor.sourceDepartments(GroupKind.SOURCE_ADMINS)
			.forEach(id -> departments.find(new DepartmentId(id)).ifPresent(d -> codes.add(d.code().value())));
		return codes;
	}

	private RuntimeException refused(Actor actor, String why, RuntimeException answer) {
		events.publishEvent(new AuditLogRead(clock.instant(), actor.asAuditActor(), FORMAT, why, AuditOutcome.DENIED));
		return answer;
	}

}
