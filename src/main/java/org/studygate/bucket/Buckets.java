package org.studygate.bucket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.refcode.BucketCodes;
import org.studygate.refcode.ReferenceNumberState;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Buckets once made: reading one, its printed letter, the Buckets section of the Access
 * tab and its removals. Making them is {@link Printing} and {@link ShareCodes};
 * unblocking is {@link BlockedAccess}. Every identifier is checked against the actor (a
 * bucket of a department the actor does not serve is not found, and the refusal is
 * logged); every change is logged.
 */
@Service
public class Buckets {

	private final BucketStore store;

	private final BucketReader reader;

	private final BucketCodes codes;

	private final AccessControl access;

	private final Departments departments;

	private final Letters letters;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Buckets(BucketStore store, BucketReader reader, BucketCodes codes, AccessControl access, Departments departments,
			Letters letters, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.reader = reader;
		this.codes = codes;
		this.access = access;
		this.departments = departments;
		this.letters = letters;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A bucket the actor may see: source users and admins of its department and the
	 * service desk.
	 */
	@Transactional(readOnly = true)
	public Bucket get(Actor actor, BucketId bucketId) {
		return reader.view(reader.served(actor, bucketId, false));
	}

	/**
	 * The letter of a printed bucket, in its language, with the code in clear; every
	 * print is logged.
	 */
	@Transactional
	public byte[] letter(Actor actor, BucketId bucketId) {
		BucketStore.Row row = reader.served(actor, bucketId, false);
		if (!BucketKind.PRINTED.name().equals(row.kind()) || !BucketState.ACTIVE.name().equals(row.state())) {
			throw new NotFoundException("letter");
		}
		Department department = departments.find(row.departmentId()).orElseThrow();
		String code = codes.clear(row.codeId()).orElseThrow(() -> new NotFoundException("letter"));
		byte[] pdf = letters.letter(department, code, row.verification(), row.validUntil(), row.language());
		Instant now = clock.instant();
		for (UUID study : store.studiesOf(row.id())) {
			events.publishEvent(new BucketEvent(now, actor.asAuditActor(), study, row.id(), "LETTER_PRINTED",
					AuditOutcome.SUCCESS, Map.of("language", row.language())));
		}
		return pdf;
	}

	/** The Buckets section of a study, for whoever manages its access (decided). */
	public List<Bucket> ofStudy(Authorized authorized) {
		UUID study = authorized.study(Action.MANAGE_ACCESS).id().value();
		return store.sectionOf(study, codes.statusColumns("b.code_id"))
			.stream()
			.map(h -> reader.view(h.row(), Optional.ofNullable(h.removal()), h.code(), h.studies()))
			.toList();
	}

	/** The bucket as the section's cross shows it, for its confirmation. */
	@Transactional(readOnly = true)
	public Bucket held(Actor actor, StudyId studyId, BucketId bucketId) {
		return reader.view(heldRow(actor, studyId, bucketId));
	}

	/**
	 * The cross of the Buckets section (docs/guide/buckets.md): the bucket's code stops
	 * opening anything at once and the bucket stays listed as REVOKED, with the reason,
	 * until the admin takes the study out or removes the full bucket. Needs MANAGE_ACCESS
	 * on the study.
	 */
	@Transactional
	public Bucket revoke(Actor actor, StudyId studyId, BucketId bucketId, String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "must not be blank");
		}
		BucketStore.Row row = heldRow(actor, studyId, bucketId);
		Instant now = clock.instant();
		if (!store.changeState(row.id(), BucketState.ACTIVE.name(), BucketState.REVOKED.name(), actor.name(), now)
				&& !store.changeState(row.id(), BucketState.BLOCKED.name(), BucketState.REVOKED.name(), actor.name(),
						now)) {
			throw new ConflictException("the bucket is " + row.state().toLowerCase());
		}
		String codeState = codes.suspend(row.codeId(), actor).map(Enum::name).orElse(null);
		store.revoked(row.id(), reason.strip(), row.state(), codeState);
		for (UUID study : store.studiesOf(row.id())) {
			events.publishEvent(new BucketEvent(now, actor.asAuditActor(), study, row.id(), "REVOKED",
					AuditOutcome.SUCCESS, Map.of("reason", reason.strip())));
		}
		return reader.view(row.id());
	}

	/**
	 * What follows the cross: REMOVE_STUDY takes the study out (its link ended) and gives
	 * a revoked bucket back to its other studies; REMOVE_BUCKET takes every study out,
	 * kills the code and leaves the bucket DELETED. Either way the bucket stays listed.
	 * Needs MANAGE_ACCESS on the study.
	 */
	@Transactional
	public Bucket remove(Actor actor, StudyId studyId, BucketId bucketId, RemoveMode mode) {
		if (mode == null) {
			throw new InvalidInputException("mode", "must be REMOVE_STUDY or REMOVE_BUCKET");
		}
		BucketStore.Row row = heldRow(actor, studyId, bucketId);
		Instant now = clock.instant();
		if (mode == RemoveMode.REMOVE_STUDY) {
			store.removeStudy(row.id(), studyId.value(), actor.name(), now);
			codes.detach(row.codeId(), studyId.value());
			store.revocation(row.id()).ifPresent(before -> {
				store.changeState(row.id(), BucketState.REVOKED.name(), before.from(), actor.name(), now);
				if (before.codeState() != null) {
					codes.reinstate(row.codeId(), ReferenceNumberState.valueOf(before.codeState()), actor);
				}
			});
			events.publishEvent(new BucketEvent(now, actor.asAuditActor(), studyId.value(), row.id(), "STUDY_REMOVED",
					AuditOutcome.SUCCESS, Map.of()));
		}
		else {
			List<UUID> members = store.studiesOf(row.id());
			store.removeAll(row.id(), actor.name(), now);
			codes.kill(row.codeId(), actor);
			store.changeState(row.id(), row.state(), BucketState.DELETED.name(), actor.name(), now);
			for (UUID study : members) {
				events.publishEvent(new BucketEvent(now, actor.asAuditActor(), study, row.id(), "REMOVED",
						AuditOutcome.SUCCESS, Map.of("from", studyId.value().toString())));
			}
		}
		return reader.view(row.id());
	}

	/**
	 * The bucket as held by a study whose access the actor manages; otherwise not found,
	 * logged.
	 */
	private BucketStore.Row heldRow(Actor actor, StudyId studyId, BucketId bucketId) {
		access.require(actor, studyId, Action.MANAGE_ACCESS);
		BucketStore.Row row = bucketId == null ? null : store.byId(bucketId.value()).orElse(null);
		if (row == null || !store.studiesOf(row.id()).contains(studyId.value())) {
			throw reader.refused(actor, bucketId == null ? null : bucketId.value(),
					"bucket does not hold study " + studyId.value());
		}
		return row;
	}

}
