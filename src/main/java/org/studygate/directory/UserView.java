package org.studygate.directory;

import java.time.Instant;
import java.util.List;

/**
 * A staff user as shown to administrators. Never carries the password hash.
 * {@code lockedUntil} is the end of the latest lock by failed logins (it may have
 * passed); {@link #lockedAt} says whether the account is locked at an instant, by the
 * service desk or by failures.
 */
public record UserView(UserId id, String username, String displayName, String email, String mobile,
		boolean contactPublic, String language, boolean serviceDesk, UserStatus status, int failedLogins,
		List<String> physicianNumbers, Instant createdAt, Instant lockedUntil) {

	public boolean lockedAt(Instant now) {
		return status == UserStatus.LOCKED || (lockedUntil != null && now.isBefore(lockedUntil));
	}

	/**
	 * The end of the lock by failures in force at {@code now}, {@code null} when there is
	 * none.
	 */
	public Instant lockedUntilAt(Instant now) {
		return lockedUntil != null && now.isBefore(lockedUntil) ? lockedUntil : null;
	}

}
