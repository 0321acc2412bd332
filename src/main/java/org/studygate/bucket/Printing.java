package org.studygate.bucket;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Giving;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Printing a reference number for studies of one department: a bucket whose code the
 * patient receives on a letter. The studies must be visible to the actor and come from
 * one department whose source user or admin he is (or he is the service desk); refusals
 * are logged.
 */
@Service
public class Printing {

	/**
	 * The default validity of a printed reference number when the department sets none.
	 */
	static final int DEFAULT_MONTHS = 1;

	private final AccessControl access;

	private final Departments departments;

	private final BucketRules rules;

	private final BucketIssuer issuer;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Printing(AccessControl access, Departments departments, BucketRules rules, BucketIssuer issuer,
			ApplicationEventPublisher events, Clock clock) {
		this.access = access;
		this.departments = departments;
		this.rules = rules;
		this.issuer = issuer;
		this.events = events;
		this.clock = clock;
	}

	/** The default and latest last day of a code made today. */
	public record Validity(LocalDate defaultUntil, LocalDate maximumUntil) {

	}

	/**
	 * The studies to give a code for, checked, with their department and the validity
	 * offered.
	 */
	public record Draft(List<Study> studies, Department department, Validity validity) {

	}

	/**
	 * The studies to print for, checked: visible to the actor, of one department he
	 * serves.
	 */
	@Transactional(readOnly = true)
	public Draft draft(Actor actor, List<StudyId> studyIds) {
		List<Study> studies = printable(actor, studyIds);
		Department department = departments.find(studies.get(0).departmentId()).orElseThrow();
		return new Draft(studies, department, validity(department));
	}

	/**
	 * Prints a reference number: a bucket over the studies with a new code, in clear this
	 * once. The last day must not lie beyond the department's maximum; the one rule for
	 * giving applies (decision 030) and a birth-date code holds one patient's studies
	 * (decision 031).
	 */
	@Transactional
	public IssuedBucket print(Actor actor, NewBucket request) {
		List<Study> studies = printable(actor, request.studyIds());
		rules.requireOnePatient(actor, studies);
		Department department = departments.find(studies.get(0).departmentId()).orElseThrow();
		Validity validity = validity(department);
		LocalDate until = request.validUntil() == null ? validity.defaultUntil() : request.validUntil();
		issuer.checkUntil(department, until, validity.maximumUntil());
		rules.requireGiving(actor, studies, Giving.Via.PRINTED_CODE, request.scope(), until, department);
		return issuer.issue(actor, department, studies,
				new BucketIssuer.Terms(BucketKind.PRINTED, request.label(), request.reason(), request.verification(),
						request.scope(), request.language(), until, true, null, null, null));
	}

	/** The department's default and maximum validity of a printed code, from today. */
	public Validity validity(Department department) {
		ReferenceNumberPolicy policy = department.settings().referenceNumbers();
		LocalDate today = LocalDate.ofInstant(clock.instant(), department.timeZone());
		LocalDate maximum = policy.validityMaximumDays() > 0 ? today.plusDays(policy.validityMaximumDays()) : null;
		LocalDate byDefault = policy.validityDefaultDays() > 0 ? today.plusDays(policy.validityDefaultDays())
				: today.plusMonths(DEFAULT_MONTHS);
		if (maximum != null && byDefault.isAfter(maximum)) {
			byDefault = maximum;
		}
		return new Validity(byDefault, maximum);
	}

	private List<Study> printable(Actor actor, List<StudyId> studyIds) {
		if (studyIds == null || studyIds.isEmpty()) {
			throw new InvalidInputException("studyIds", "choose at least one study");
		}
		List<Study> studies = new ArrayList<>();
		for (StudyId id : studyIds.stream().distinct().limit(NewBucket.MAX_STUDIES).toList()) {
			studies.add(access.require(actor, id, Action.LIST).study());
		}
		if (studies.stream().map(Study::departmentId).distinct().count() > 1) {
			throw new InvalidInputException("studyIds",
					"all studies of a reference number must come from one department");
		}
		UUID department = studies.get(0).departmentId();
		if (!actor.isSourceMemberOf(department)) {
			events.publishEvent(new BucketEvent(clock.instant(), actor.asAuditActor(), studies.get(0).id().value(),
					null, "REFUSED", AuditOutcome.DENIED,
					Map.of("reason", "printing needs a source user or admin of the department")));
			throw new AccessDeniedException("only the department's source users and admins print reference numbers");
		}
		if (studies.stream().anyMatch(Study::cancelled)) {
			throw new InvalidInputException("studyIds", "a cancelled study cannot be given a reference number");
		}
		return studies;
	}

}
