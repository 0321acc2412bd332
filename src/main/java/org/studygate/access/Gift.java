package org.studygate.access;

import java.time.Instant;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;

/**
 * What someone gives on a study (decision 030): the scope, whether the recipient may
 * share and may download or forward, until when, and to whom. Grants, shares, share
 * codes, printed codes, study reference numbers and claims are all gifts and all pass
 * {@link Giving}.
 *
 * @param validUntil {@code null} = no end
 */
public record Gift(GrantScope scope, boolean mayShare, boolean mayTransfer, Instant validUntil, Recipient recipient) {

	public Gift {
		if (scope == null) {
			throw new InvalidInputException("scope", "must be IMAGES, IMAGES_REPORT_READ or IMAGES_REPORT_WRITE");
		}
		if (recipient == null) {
			throw new IllegalArgumentException("a gift needs a recipient");
		}
	}

	/**
	 * A gift that only a code opens, for whoever holds it (a patient or a person without
	 * an account).
	 */
	public static Gift toCodeHolder(GrantScope scope, Instant validUntil) {
		return new Gift(scope, false, false, validUntil, Recipient.CODE_HOLDER);
	}

	/**
	 * Who receives: a user, a group (its members now and later) or whoever holds a code.
	 *
	 * @param id the user or group, {@code null} for a code holder
	 */
	public record Recipient(SubjectType type, UUID id) {

		public static final Recipient CODE_HOLDER = new Recipient(null, null);

		public static Recipient user(UserId id) {
			return new Recipient(SubjectType.USER, id.value());
		}

		public static Recipient group(GroupId id) {
			return new Recipient(SubjectType.GROUP, id.value());
		}

	}

}
