package org.studygate.refcode;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the Reference numbers section of the Access tab
 * (docs/product/04-access-tab.md) and of the {@code referenceNumbers} part of the access
 * API. The code and the pincode appear only masked.
 *
 * @param maskedCode the code as dots, one per symbol
 * @param validFrom {@code null} = at once
 * @param validTo {@code null} = no limit
 * @param pincode whether a pincode was sent (masked when present)
 * @param compliant whether the code complies with the department's current policy
 * @param bucket the bucket whose code this is ({@code null} for the study's own reference
 * number); a bucket's code is managed in the Buckets section
 */
public record ReferenceNumberLine(UUID id, String maskedCode, String origin, Instant generatedAt, Instant validFrom,
		Instant validTo, boolean pincode, int failedPincodeAttempts, int failedLoginAttempts, int failedOtpAttempts,
		boolean compliant, ReferenceNumberState state, CodeTerms.Issuer bucket) {

	public boolean inUse() {
		return state == ReferenceNumberState.ACTIVE || state == ReferenceNumberState.BLOCKED;
	}

	public boolean withdrawable() {
		return bucket == null && inUse();
	}

	public boolean blocked() {
		return bucket == null && state == ReferenceNumberState.BLOCKED;
	}

}
