package org.studygate.directory;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a staff account is locked after consecutive failed logins (decision 028, NIST
 * SP 800-63B §5.2.2): the first lock lasts {@code first}, each further lock twice the one
 * before, never longer than {@code longest}. A lock counts as "further" while the
 * previous one ended less than {@code memory} ago; after a quiet {@code memory}, or after
 * a successful login, the next lock is a first one again. A lock is never permanent, so a
 * stranger who knows a username cannot shut its owner out for good.
 *
 * @param failures consecutive failures that lock the account
 * @param first the duration of a first lock
 * @param longest the longest lock
 * @param memory how long after its end a lock still makes the next one longer
 */
public record LockPolicy(int failures, Duration first, Duration longest, Duration memory) {

	public LockPolicy {
		if (failures < 1 || first.isNegative() || first.isZero() || longest.compareTo(first) < 0
				|| memory.isNegative()) {
			throw new IllegalArgumentException("not a lock policy: " + failures + ", " + first + ", " + longest);
		}
	}

	/** 5 failures, 15 minutes doubling up to 24 hours, remembered for 24 hours. */
	public static LockPolicy defaults() {
		return new LockPolicy(5, Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(24));
	}

	/** The duration of the lock of this level (1 = a first lock). */
	public Duration duration(int level) {
		Duration duration = first;
		for (int i = 1; i < level && duration.compareTo(longest) < 0; i++) {
			duration = duration.multipliedBy(2);
		}
		return duration.compareTo(longest) < 0 ? duration : longest;
	}

	/**
	 * The level of a lock that starts now, after a previous lock of {@code level} that
	 * ends or ended at {@code previousUntil} ({@code null}: none).
	 */
	public int nextLevel(int level, Instant previousUntil, Instant now) {
		boolean remembered = level > 0 && previousUntil != null && now.isBefore(previousUntil.plus(memory));
		return remembered ? Math.min(level + 1, 64) : 1;
	}

}
