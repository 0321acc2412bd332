package org.studygate.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.studygate.study.StudyId;

/**
 * A grant of a study to a user or a group (docs/product/02-domain.md). It permits only
 * while it is in force: after {@code validFrom}, before {@code validUntil}, and not
 * withdrawn.
 *
 * @param mayTransfer whether the grantee may download the study and forward it to his
 * PACS
 * @param validFrom {@code null} = in force from the start
 * @param validUntil {@code null} = no end
 * @param grantedBy the user who granted, {@code null} for the system
 */
public record Grant(GrantId id, StudyId studyId, SubjectType subjectType, UUID subjectId, GrantScope scope,
		boolean mayShare, boolean mayTransfer, Instant validFrom, Instant validUntil, GrantOrigin origin,
		Instant grantedAt, UUID grantedBy, String grantedByName, Instant withdrawnAt, String withdrawnByName,
		String withdrawnReason) {

	/** Where a grant stands at an instant. */
	public enum State {

		ACTIVE, NOT_YET_VALID, EXPIRED, WITHDRAWN

	}

	public State stateAt(Instant now) {
		if (withdrawnAt != null) {
			return State.WITHDRAWN;
		}
		if (validFrom != null && now.isBefore(validFrom)) {
			return State.NOT_YET_VALID;
		}
		if (validUntil != null && !now.isBefore(validUntil)) {
			return State.EXPIRED;
		}
		return State.ACTIVE;
	}

	public boolean inForceAt(Instant now) {
		return stateAt(now) == State.ACTIVE;
	}

	/**
	 * Whether the grant, while in force, lets its grantee take the action: list and see
	 * the images always, the report per scope, share when may-share, download and forward
	 * when may-transfer; never manage access, read the log or release the report.
	 */
	/**
	 * The actions some grant can allow; managing access and reading the log never come
	 * with a grant.
	 */
	static final Set<Action> MAY_GIVE = EnumSet
		.complementOf(EnumSet.of(Action.MANAGE_ACCESS, Action.READ_LOG, Action.RELEASE_REPORT));

	public boolean allows(Action action) {
		return switch (action) {
			case LIST, VIEW_IMAGES -> true;
			case VIEW_REPORT -> scope.includesReport();
			case SHARE -> mayShare;
			case DOWNLOAD, FORWARD -> mayTransfer;
			case MANAGE_ACCESS, READ_LOG, RELEASE_REPORT -> false;
		};
	}

}
