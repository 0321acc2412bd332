package org.studygate.directory;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks staff credentials. Five consecutive failures lock the account until the service desk
 * unlocks it. Unknown users, wrong passwords and locked accounts get the same answer after the same
 * work (a password hash is always computed), so that usernames cannot be discovered.
 */
@Service
public class StaffAuthentication {

	/** Consecutive failures that lock an account (SPEC §5). */
	public static final int LOCK_AFTER_FAILURES = 5;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final String dummyHash;

	StaffAuthentication(JdbcClient jdbc, PasswordEncoder passwords, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.events = events;
		this.clock = clock;
		this.dummyHash = passwords.encode("not-a-password-" + UUID.randomUUID());
	}

	/**
	 * Checks a username and password and records the attempt in the user's login history.
	 *
	 * @return the principal when the credentials are right and the account is active
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public Optional<StaffPrincipal> authenticate(String username, String password, LoginChannel channel,
			String clientIp, String userAgent) {
		String name = username == null ? "" : username.trim();
		record Account(UUID id, String username, String displayName, String hash, String status) {
		}
		Optional<Account> account = jdbc.sql("""
				select id, username, display_name, password_hash, status from directory.user_account
				where lower(username) = lower(:username) for update
				""")
			.param("username", name)
			.query((rs, n) -> new Account(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5)))
			.optional();
		boolean matches = passwords.matches(password == null ? "" : password,
				account.map(Account::hash).orElse(dummyHash));
		LoginOutcome outcome;
		if (account.isEmpty()) {
			outcome = LoginOutcome.BAD_CREDENTIALS;
		}
		else if (UserStatus.valueOf(account.get().status()) == UserStatus.LOCKED) {
			outcome = LoginOutcome.LOCKED;
		}
		else if (!matches) {
			outcome = LoginOutcome.BAD_CREDENTIALS;
			jdbc.sql("""
					update directory.user_account set failed_logins = failed_logins + 1,
					    status = case when failed_logins + 1 >= :limit then 'LOCKED' else status end
					where id = :id
					""").param("limit", LOCK_AFTER_FAILURES).param("id", account.get().id()).update();
		}
		else {
			outcome = LoginOutcome.SUCCESS;
			jdbc.sql("update directory.user_account set failed_logins = 0 where id = :id")
				.param("id", account.get().id())
				.update();
		}
		UserId userId = account.map(a -> new UserId(a.id())).orElse(null);
		jdbc.sql("""
				insert into directory.login_attempt (user_id, username, at, client_ip, user_agent, channel, outcome)
				values (:user, :username, :at, :ip, :agent, :channel, :outcome)
				""")
			.param("user", userId == null ? null : userId.value())
			.param("username", name.length() > 254 ? name.substring(0, 254) : name)
			.param("at", Timestamp.from(clock.instant()))
			.param("ip", clientIp)
			.param("agent", userAgent == null || userAgent.length() <= 500 ? userAgent : userAgent.substring(0, 500))
			.param("channel", channel.name())
			.param("outcome", outcome.name())
			.update();
		events.publishEvent(new LoginAttempted(clock.instant(), userId, name,
				account.map(Account::displayName).orElse(null), channel, outcome, clientIp));
		return outcome == LoginOutcome.SUCCESS
				? Optional.of(new StaffPrincipal(userId, account.get().username()))
				: Optional.empty();
	}

	/**
	 * A page of the user's own login attempts, newest first, {@link LoginHistory#PAGE_SIZE} a page.
	 * Only attempts recorded against this user are shown: attempts with an unknown username belong
	 * to nobody, so a user cannot learn which other names were tried.
	 */
	public LoginHistory history(UserId user, int page) {
		int from = Math.max(0, page);
		List<LoginHistory.Entry> rows = jdbc.sql("""
				select at, client_ip, channel, outcome from directory.login_attempt
				where user_id = :user
				order by at desc, id desc
				limit :limit offset :offset
				""")
			.param("user", user.value())
			.param("limit", LoginHistory.PAGE_SIZE + 1)
			.param("offset", (long) from * LoginHistory.PAGE_SIZE)
			.query((rs, n) -> new LoginHistory.Entry(rs.getTimestamp(1).toInstant(), rs.getString(2),
					LoginChannel.valueOf(rs.getString(3)), LoginOutcome.valueOf(rs.getString(4))))
			.list();
		boolean more = rows.size() > LoginHistory.PAGE_SIZE;
		return new LoginHistory(more ? rows.subList(0, LoginHistory.PAGE_SIZE) : rows, from, more);
	}

	/**
	 * Unlocks an account on behalf of the service desk, the only one who may: after five failures
	 * a person, not a timer, decides that the owner is back.
	 */
	@Transactional
	public void unlock(Actor actor, UserId user) {
		AdministrationPolicy.platform(actor).enforce();
		boolean exists = jdbc.sql("select exists (select 1 from directory.user_account where id = :id)")
			.param("id", user.value())
			.query(Boolean.class)
			.single();
		if (!exists) {
			throw new NotFoundException("user");
		}
		unlock(user);
	}

	/** Unlocks a locked account and clears its failure count (service desk). */
	@Transactional
	public void unlock(UserId user) {
		jdbc.sql("update directory.user_account set status = 'ACTIVE', failed_logins = 0 where id = :id")
			.param("id", user.value())
			.update();
	}

}
