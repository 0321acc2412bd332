package org.studygate.access;

import java.time.Instant;
import java.util.UUID;

/**
 * A withdrawn implicit way in (docs/product/04-access-tab.md "Users"): the user or group
 * gets nothing from the study's requester, copy, practice or grant paths until the
 * exclusion is restored. The source groups are never excluded.
 *
 * @param path the Users line's origin the subject had when it was withdrawn (REQUESTER,
 * CC, GROUP_PRACTICE, a grant's origin), {@code null} when it had none
 * @param restoredAt when it was restored, {@code null} while it is in force
 */
public record Exclusion(UUID id, UUID studyId, SubjectType subjectType, UUID subjectId, String path, Instant excludedAt,
		UUID excludedBy, String excludedByName, String reason, Instant restoredAt, String restoredByName) {

	public boolean inForce() {
		return restoredAt == null;
	}

}
