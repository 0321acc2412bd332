package org.studygate.directory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

@StudygateTest
class StaffAuthenticationTests {

	@Autowired
	StaffAuthentication authentication;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Clock clock;

	@Autowired
	CredentialStore store;

	@Autowired
	AccountLocks locks;

	@Autowired
	StaffLoginThrottle throttle;

	@Autowired
	TwoFactor twoFactor;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	LocalPasswords localPasswords;

	@Autowired
	TwoFactorPolicy policy;

	@Test
	void checksAPasswordHashForUnknownUsersAsForKnownOnes() {
		List<String> checkedAgainst = new ArrayList<>();
		StaffAuthentication counting = new StaffAuthentication(store, recording(checkedAgainst), locks, throttle,
				twoFactor, localPasswords, policy, events, clock, transactions);
		UserId user = fixtures.user("Dr Desmet");
		String knownHash = jdbc.sql("select password_hash from directory.user_account where id = :id")
			.param("id", user.value())
			.query(String.class)
			.single();

		counting.authenticate("nobody." + Fixtures.unique() + "@test.example", Fixtures.PASSWORD, LoginChannel.API,
				"10.0.0.1", null);
		counting.authenticate(fixtures.usernameOf(user), "Wrong-pass-1", LoginChannel.API, "10.0.0.1", null);

		assertThat(checkedAgainst).hasSize(2);
		assertThat(checkedAgainst.get(0)).startsWith("$argon2id$").isNotEqualTo(knownHash);
		assertThat(checkedAgainst.get(1)).isEqualTo(knownHash);
	}

	@Test
	void checksAPasswordHashForLockedAccountsToo() {
		List<String> checkedAgainst = new ArrayList<>();
		StaffAuthentication counting = new StaffAuthentication(store, recording(checkedAgainst), locks, throttle,
				twoFactor, localPasswords, policy, events, clock, transactions);
		UserId user = fixtures.user("Dr Pauwels");
		jdbc.sql("update directory.user_account set status = 'LOCKED' where id = :id")
			.param("id", user.value())
			.update();

		assertThat(counting.authenticate(fixtures.usernameOf(user), Fixtures.PASSWORD, LoginChannel.FORM, null, null))
			.isEmpty();
		assertThat(checkedAgainst).hasSize(1);
	}

	@Test
	void listsOnlyTheUsersOwnAttemptsNewestFirst() {
		UserId user = fixtures.user("Dr Michiels");
		UserId other = fixtures.user("Dr Segers");
		String username = fixtures.usernameOf(user);
		authentication.authenticate(username, "Wrong-pass-1", LoginChannel.FORM, "10.1.1.1", "Firefox");
		authentication.authenticate(username, Fixtures.PASSWORD, LoginChannel.API, "10.1.1.2", "curl");
		authentication.authenticate(fixtures.usernameOf(other), Fixtures.PASSWORD, LoginChannel.FORM, "10.9.9.9", null);

		LoginHistory history = authentication.history(user, 0);

		assertThat(history.entries())
			.extracting(LoginHistory.Entry::clientIp, LoginHistory.Entry::channel, LoginHistory.Entry::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("10.1.1.2", LoginChannel.API, LoginOutcome.SUCCESS),
					org.assertj.core.groups.Tuple.tuple("10.1.1.1", LoginChannel.FORM, LoginOutcome.BAD_CREDENTIALS));
		assertThat(history.more()).isFalse();
	}

	@Test
	void pagesTheHistoryFiftyAttemptsAtATime() {
		UserId user = fixtures.user("Dr Verstraete");
		Instant start = Instant.parse("2026-01-01T08:00:00Z");
		for (int i = 0; i < 53; i++) {
			jdbc.sql("""
					insert into directory.login_attempt (user_id, username, at, client_ip, channel, outcome)
					values (:user, 'x', :at, :ip, 'FORM', 'SUCCESS')
					""")
				.param("user", user.value())
				.param("at", Timestamp.from(start.plusSeconds(60L * i)))
				.param("ip", "10.0.0." + i)
				.update();
		}

		LoginHistory first = authentication.history(user, 0);
		LoginHistory second = authentication.history(user, 1);

		assertThat(first.entries()).hasSize(LoginHistory.PAGE_SIZE);
		assertThat(first.entries().get(0).clientIp()).isEqualTo("10.0.0.52");
		assertThat(first.more()).isTrue();
		assertThat(second.entries()).extracting(LoginHistory.Entry::clientIp)
			.containsExactly("10.0.0.2", "10.0.0.1", "10.0.0.0");
		assertThat(second.more()).isFalse();
	}

	private PasswordEncoder recording(List<String> checkedAgainst) {
		return new PasswordEncoder() {

			@Override
			public String encode(CharSequence raw) {
				return passwords.encode(raw);
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				checkedAgainst.add(encoded);
				return passwords.matches(raw, encoded);
			}

		};
	}

}
