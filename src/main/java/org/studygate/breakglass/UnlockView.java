package org.studygate.breakglass;

import java.time.Instant;

/**
 * An unlock as the Access tab's Unlocked section and the access API show it
 * (docs/product/04-access-tab.md: user, when, purpose, reason, expires, reviewed). Times
 * are instants; pages show them in the department's zone.
 *
 * @param kind EMERGENCY, or RESTRICTED for an entitled user's unlock of a restricted
 * study
 * @param state ACTIVE, EXPIRED or REVOKED now
 * @param review JUSTIFIED, MISUSE, or {@code null} while it waits for review
 */
public record UnlockView(String unlockId, String studyId, String userId, String userName, Unlock.Kind kind,
		Instant unlockedAt, PurposeOfUse purpose, String reason, Instant expiresAt, Unlock.State state,
		Instant revokedAt, String revokedBy, String revokeComment, Instant reviewedAt, String reviewedBy,
		Verdict review, String reviewComment) {

	static UnlockView of(Unlock u, Instant now) {
		return new UnlockView(u.id().toString(), u.studyId().toString(), u.userId().toString(), u.userName(), u.kind(),
				u.unlockedAt(), u.purpose(), u.reason(), u.expiresAt(), u.stateAt(now), u.revokedAt(),
				u.revokedByName(), u.revokeComment(), u.reviewedAt(), u.reviewedByName(), u.verdict(),
				u.reviewComment());
	}

	public boolean active() {
		return state == Unlock.State.ACTIVE;
	}

	public boolean reviewed() {
		return reviewedAt != null;
	}

}
