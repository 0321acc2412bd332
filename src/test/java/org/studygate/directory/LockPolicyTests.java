package org.studygate.directory;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lock rule of decision 028, given {@code now}: 15 minutes doubling to a day,
 * remembered a day.
 */
class LockPolicyTests {

	static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

	final LockPolicy policy = LockPolicy.defaults();

	@Test
	void aFirstLockLastsFifteenMinutesAndEachFurtherOneTwiceAsLongUpToADay() {
		assertThat(policy.duration(1)).isEqualTo(Duration.ofMinutes(15));
		assertThat(policy.duration(2)).isEqualTo(Duration.ofMinutes(30));
		assertThat(policy.duration(7)).isEqualTo(Duration.ofMinutes(960));
		assertThat(policy.duration(8)).isEqualTo(Duration.ofHours(24));
		assertThat(policy.duration(64)).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void aLockSoonAfterThePreviousOneGoesUpALevel() {
		Instant previousEnd = NOW.minus(Duration.ofHours(23));

		assertThat(policy.nextLevel(3, previousEnd, NOW)).isEqualTo(4);
		assertThat(policy.nextLevel(64, previousEnd, NOW)).isEqualTo(64);
	}

	@Test
	void aLockADayAfterThePreviousOneEndedOrAfterASuccessIsAFirstOneAgain() {
		assertThat(policy.nextLevel(5, NOW.minus(Duration.ofHours(24)), NOW)).isEqualTo(1);
		assertThat(policy.nextLevel(0, null, NOW)).isEqualTo(1);
		assertThat(policy.nextLevel(0, NOW.minusSeconds(60), NOW)).isEqualTo(1);
	}

	@Test
	void refusesAPolicyThatCouldLockForGoodOrNeverLock() {
		assertThatThrownBy(() -> new LockPolicy(0, Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(24)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new LockPolicy(5, Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(24)))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
