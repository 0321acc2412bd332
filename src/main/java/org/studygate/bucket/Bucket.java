package org.studygate.bucket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.studygate.access.GrantScope;
import org.studygate.department.ReferenceNumberPolicy.Verification;

/**
 * A bucket as the Buckets section, the API and the blocked page show it
 * (docs/product/02-domain.md, 04-access-tab.md); never its code.
 *
 * @param state the bucket's own state, BLOCKED while its code is blocked
 * @param failedOtpAttempts wrong one-time passwords since the last unblock
 * @param failedLoginAttempts consecutive failed logins with the code
 * @param recipient a share's recipient, masked; {@code null} for a printed bucket
 * @param studyCount how many studies the bucket holds now
 * @param blockedReason why the bucket itself was blocked (e.g. it held studies of several
 * patients under one birth-date code, decision 031), {@code null} when it was not
 * @param patientAgreed whether the patient agreed to the bucket (consent)
 * @param stateChangedAt when the bucket was last revoked, removed, blocked or unblocked
 * @param revokeReason why its access was revoked (the cross), {@code null} when it was
 * not
 * @param removedAt when the study the bucket is shown for left it (Access tab only)
 */
public record Bucket(UUID id, UUID departmentId, BucketKind kind, String label, String createdBy, Instant createdAt,
		String reason, Verification verification, GrantScope scope, String language, Instant validFrom,
		Instant validUntil, BucketState state, int failedOtpAttempts, int failedLoginAttempts, List<UUID> studyIds,
		String recipient, int studyCount, String blockedReason, boolean patientAgreed, Instant stateChangedAt,
		String stateChangedBy, String revokeReason, Instant removedAt, String removedBy) {

	public Bucket {
		studyIds = List.copyOf(studyIds);
	}

	/** Whether the cross revokes it: in use and still holding the study. */
	public boolean removable() {
		return removedAt == null
				&& (state == BucketState.ACTIVE || state == BucketState.BLOCKED || state == BucketState.EXPIRED);
	}

	/**
	 * Whether it waits for the admin's choice after the cross: remove the study or the
	 * full bucket.
	 */
	public boolean awaitingRemoval() {
		return removedAt == null && state == BucketState.REVOKED;
	}

}
