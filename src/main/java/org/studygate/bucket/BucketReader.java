package org.studygate.bucket;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.studygate.NotFoundException;
import org.studygate.access.GrantScope;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.Actor;
import org.studygate.mail.MailAddresses;
import org.studygate.refcode.BucketCodes;
import org.studygate.sms.SmsMessage;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Reads buckets over {@link BucketStore} for the bucket services: a bucket as it is
 * shown, with its code's state, and a bucket looked up for an actor, which is not found
 * (and the refusal logged) when it belongs to a department he does not serve.
 */
@Component
class BucketReader {

	private final BucketStore store;

	private final BucketCodes codes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	BucketReader(BucketStore store, BucketCodes codes, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.codes = codes;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A bucket of a department the actor serves (admins only when {@code admin});
	 * otherwise not found, logged.
	 */
	BucketStore.Row served(Actor actor, BucketId bucketId, boolean admin) {
		BucketStore.Row row = bucketId == null ? null : store.byId(bucketId.value()).orElse(null);
		if (row == null || !actor.isSourceMemberOf(row.departmentId())) {
			throw refused(actor, bucketId == null ? null : bucketId.value(), "bucket of another department or unknown");
		}
		if (admin && !actor.administers(row.departmentId())) {
			events.publishEvent(new BucketEvent(clock.instant(), actor.asAuditActor(), null, row.id(), "REFUSED",
					AuditOutcome.DENIED, Map.of("reason", "unblocking needs a source admin")));
			throw new AccessDeniedException("only source admins and the service desk unblock");
		}
		return row;
	}

	/** Logs a refused bucket and answers it as not found. */
	NotFoundException refused(Actor actor, UUID bucketId, String reason) {
		events.publishEvent(new BucketEvent(clock.instant(), actor.asAuditActor(), null, bucketId, "REFUSED",
				AuditOutcome.DENIED, Map.of("reason", reason)));
		return new NotFoundException("bucket");
	}

	/** The bucket by its id, as it is shown now. */
	Bucket view(UUID bucketId) {
		return view(store.byId(bucketId).orElseThrow());
	}

	/**
	 * The bucket as it is shown now: EXPIRED after its end, BLOCKED while its code is
	 * blocked.
	 */
	Bucket view(BucketStore.Row row) {
		return view(row, Optional.empty());
	}

	/**
	 * The bucket as the Access tab of one study shows it, with when the study left it.
	 */
	Bucket view(BucketStore.Row row, Optional<BucketStore.Removal> removal) {
		return view(row, removal, codes.status(row.codeId()), store.studiesOf(row.id()));
	}

	/**
	 * {@link #view(BucketStore.Row, Optional)} with its code's state and its studies read
	 * already, for a section of many buckets.
	 */
	Bucket view(BucketStore.Row row, Optional<BucketStore.Removal> removal, Optional<BucketCodes.CodeStatus> code,
			List<UUID> studies) {
		BucketState state = BucketState.valueOf(row.state());
		if (state == BucketState.ACTIVE && row.validUntil() != null && !clock.instant().isBefore(row.validUntil())) {
			state = BucketState.EXPIRED;
		}
		else if (state == BucketState.ACTIVE && code.map(BucketCodes.CodeStatus::blocked).orElse(false)) {
			state = BucketState.BLOCKED;
		}
		String recipient = row.recipientMobile() != null ? SmsMessage.mask(row.recipientMobile())
				: row.recipientEmail() != null ? MailAddresses.masked(row.recipientEmail()) : null;
		return new Bucket(row.id(), row.departmentId(), BucketKind.valueOf(row.kind()), row.label(), row.createdBy(),
				row.createdAt(), row.reason(), Verification.valueOf(row.verification()),
				GrantScope.valueOf(row.scope()), row.language(), row.validFrom(), row.validUntil(), state,
				code.map(BucketCodes.CodeStatus::failedOtps).orElse(0),
				code.map(BucketCodes.CodeStatus::failedLogins).orElse(0), studies, recipient, studies.size(),
				row.blockedReason(), row.patientAgreed(), row.stateChangedAt(), row.stateChangedBy(),
				row.revokeReason(), removal.map(BucketStore.Removal::at).orElse(null),
				removal.map(BucketStore.Removal::by).orElse(null));
	}

}
