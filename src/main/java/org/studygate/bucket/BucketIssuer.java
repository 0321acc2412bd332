package org.studygate.bucket;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.access.GrantScope;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.Department;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.Actor;
import org.studygate.refcode.BucketCodes;
import org.studygate.refcode.IssuedCode;
import org.studygate.study.Study;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Makes a bucket once its studies and terms are checked: a new code over the studies
 * (through {@link BucketCodes}), the bucket's row, a CREATED entry per study and, for a
 * share, the code's delivery after the commit ({@link ShareCodeQueued}).
 */
@Component
class BucketIssuer {

	private final BucketStore store;

	private final BucketCodes codes;

	private final BucketReader reader;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	BucketIssuer(BucketStore store, BucketCodes codes, BucketReader reader, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.codes = codes;
		this.reader = reader;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What a new bucket is: its kind and label, why it was made, how its code is
	 * verified, what it gives, in which language it speaks, its last day, whether the
	 * patient agreed (printing) and where its code goes with which message (a share).
	 */
	record Terms(BucketKind kind, String label, String reason, Verification verification, GrantScope scope,
			String language, LocalDate until, boolean patientAgreed, String email, String mobile, String message) {

	}

	/**
	 * The last day must lie between today and the maximum (none when {@code null}), in
	 * the department's zone.
	 */
	void checkUntil(Department department, LocalDate until, LocalDate maximum) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), department.timeZone());
		if (until.isBefore(today)) {
			throw new InvalidInputException("validUntil", "must not lie in the past");
		}
		if (maximum != null && until.isAfter(maximum)) {
			throw new InvalidInputException("validUntil", "must not lie beyond the department's maximum, " + maximum);
		}
	}

	/** Makes the bucket over the studies; its code is answered in clear this once. */
	IssuedBucket issue(Actor actor, Department department, List<Study> studies, Terms terms) {
		Instant now = clock.instant();
		Instant validUntil = terms.until().plusDays(1).atStartOfDay(department.timeZone()).toInstant();
		List<UUID> ids = studies.stream().map(s -> s.id().value()).toList();
		IssuedCode code = codes.issue(department, studies.get(0).patient().birthDate(), ids, null, validUntil, actor);
		UUID id = UUID.randomUUID();
		store.insert(new BucketStore.Row(id, department.id().value(), code.id(), terms.kind().name(), terms.label(),
				terms.reason(), terms.verification().name(), terms.scope().name(), terms.language(), null, validUntil,
				terms.patientAgreed(), terms.email(), terms.mobile(), now, actor.name(), BucketState.ACTIVE.name()),
				ids);
		for (UUID study : ids) {
			events.publishEvent(new BucketEvent(now, actor.asAuditActor(), study, id, "CREATED", AuditOutcome.SUCCESS,
					Map.of("kind", terms.kind().name(), "verification", terms.verification().name(), "scope",
							terms.scope().name(), "validUntil", terms.until().toString(), "reason", terms.reason())));
		}
		if (terms.kind() == BucketKind.SHARED) {
			events.publishEvent(new ShareCodeQueued(now, actor.asAuditActor(), id,
					terms.mobile() != null ? "SMS" : "MAIL", terms.language(), terms.message()));
		}
		return new IssuedBucket(id, code.code(), reader.view(id));
	}

}
