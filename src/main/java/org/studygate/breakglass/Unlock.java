package org.studygate.breakglass;

import java.time.Instant;

import org.studygate.department.DepartmentId;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

/**
 * One unlock of a study by a user, with its review and its end.
 *
 * @param userName the user's display name when he unlocked
 * @param revokedAt when a source admin ended it early, {@code null} when not
 * @param reviewedAt when a source admin reviewed it, {@code null} while it waits for
 * review
 * @param kind an emergency, or an entitled user's unlock of a restricted study
 */
public record Unlock(UnlockId id, StudyId studyId, DepartmentId departmentId, UserId userId, String userName, Kind kind,
		PurposeOfUse purpose, String reason, Instant unlockedAt, Instant expiresAt, Instant revokedAt,
		String revokedByName, String revokeComment, Instant reviewedAt, String reviewedByName, Verdict verdict,
		String reviewComment) {

	/**
	 * Why the glass was broken: an emergency (a user not otherwise entitled, after the
	 * emergency search) or an entitled user's unlock of a restricted study (decision
	 * 060).
	 */
	public enum Kind {

		EMERGENCY, RESTRICTED

	}

	/** Where an unlock stands at an instant. */
	public enum State {

		ACTIVE, EXPIRED, REVOKED

	}

	/** Whether it opens the study at this instant: neither revoked nor expired. */
	public boolean inForceAt(Instant now) {
		return revokedAt == null && now.isBefore(expiresAt);
	}

	public State stateAt(Instant now) {
		if (revokedAt != null) {
			return State.REVOKED;
		}
		return now.isBefore(expiresAt) ? State.ACTIVE : State.EXPIRED;
	}

	public boolean reviewed() {
		return reviewedAt != null;
	}

}
