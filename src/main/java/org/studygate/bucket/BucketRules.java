package org.studygate.bucket;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.studygate.InvalidInputException;
import org.studygate.access.Gift;
import org.studygate.access.Giving;
import org.studygate.access.GrantScope;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.study.Study;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What a bucket may hold and give, checked before it is made: one patient per birth-date
 * code (decision 031) and the one rule for giving access (decision 030). Refusals are
 * logged.
 */
@Component
class BucketRules {

	private final Giving giving;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	BucketRules(Giving giving, ApplicationEventPublisher events, Clock clock) {
		this.giving = giving;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A printed code is verified by birth date: its studies must be of one patient
	 * ({@link OnePatient}).
	 */
	void requireOnePatient(Actor actor, List<Study> studies) {
		if (OnePatient.holds(studies)) {
			return;
		}
		events.publishEvent(new BucketEvent(clock.instant(), actor.asAuditActor(), studies.get(0).id().value(), null,
				"REFUSED", AuditOutcome.DENIED, Map.of("reason", "a birth-date code for studies of several patients")));
		throw new InvalidInputException("studyIds",
				"a reference number verified by birth date may only hold studies of one patient");
	}

	/** For each study, the code's holder gets the scope until the end of the last day. */
	void requireGiving(Actor actor, List<Study> studies, Giving.Via via, GrantScope scope, LocalDate until,
			Department department) {
		Instant validUntil = until.plusDays(1).atStartOfDay(department.timeZone()).toInstant();
		for (Study study : studies) {
			giving.require(actor, study, via, Gift.toCodeHolder(scope, validUntil));
		}
	}

}
