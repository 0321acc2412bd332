package org.studygate.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of staff credentials: the login fields of {@code directory.user_account}
 * (password hash, failure count, locks), the login history and the API tokens (only their
 * hashes).
 */
@Repository
class CredentialStore {

	private static final String ACCOUNT = """
			select id, username, display_name, password_hash, status, failed_logins, locked_until, lock_level
			from directory.user_account
			""";

	private final JdbcClient jdbc;

	CredentialStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The login fields of an account, its row locked until the transaction ends. */
	record Account(UserId id, String username, String displayName, String hash, UserStatus status, int failedLogins,
			Instant lockedUntil, int lockLevel) {

		/**
		 * Locked now: on purpose by the service desk, or by failures until a later
		 * instant.
		 */
		boolean lockedAt(Instant now) {
			return status == UserStatus.LOCKED || (lockedUntil != null && now.isBefore(lockedUntil));
		}

	}

	Optional<Account> accountForUpdate(String username) {
		return jdbc.sql(ACCOUNT + " where lower(username) = lower(:username) for update")
			.param("username", username)
			.query(this::account)
			.optional();
	}

	Optional<Account> accountForUpdate(UserId id) {
		return jdbc.sql(ACCOUNT + " where id = :id for update").param("id", id.value()).query(this::account).optional();
	}

	/**
	 * A user by his username, for the login history of an attempt that was not checked.
	 */
	record Named(UserId id, String displayName) {

	}

	Optional<Named> named(String username) {
		return jdbc.sql("select id, display_name from directory.user_account where lower(username) = lower(:username)")
			.param("username", username)
			.query((rs, n) -> new Named(new UserId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.optional();
	}

	void countFailure(UserId id) {
		jdbc.sql("update directory.user_account set failed_logins = failed_logins + 1 where id = :id")
			.param("id", id.value())
			.update();
	}

	/**
	 * A lock by failures: the count starts again, so the next lock takes as many
	 * failures.
	 */
	void lockUntil(UserId id, Instant until, int level) {
		jdbc.sql("""
				update directory.user_account set failed_logins = 0, locked_until = :until, lock_level = :level
				where id = :id
				""").param("until", Timestamp.from(until)).param("level", level).param("id", id.value()).update();
	}

	/** A success ends the run of failures and forgets earlier locks. */
	void succeeded(UserId id) {
		jdbc.sql("""
				update directory.user_account set failed_logins = 0, lock_level = 0, locked_until = null
				where id = :id and (failed_logins <> 0 or lock_level <> 0 or locked_until is not null)
				""").param("id", id.value()).update();
	}

	/** Makes or unmakes the service desk, as an identity provider's groups say. */
	boolean changeServiceDesk(UserId id, boolean serviceDesk) {
		return jdbc
			.sql("update directory.user_account set service_desk = :desk where id = :id and service_desk <> :desk")
			.param("desk", serviceDesk)
			.param("id", id.value())
			.update() > 0;
	}

	void lockByServiceDesk(UserId id) {
		jdbc.sql("update directory.user_account set status = 'LOCKED' where id = :id").param("id", id.value()).update();
	}

	void unlock(UserId id) {
		jdbc.sql(
				"""
						update directory.user_account set status = 'ACTIVE', failed_logins = 0, lock_level = 0, locked_until = null
						where id = :id
						""")
			.param("id", id.value())
			.update();
	}

	void changePassword(UserId id, String hash) {
		jdbc.sql("update directory.user_account set password_hash = :hash where id = :id")
			.param("hash", hash)
			.param("id", id.value())
			.update();
	}

	void recordAttempt(UserId user, String username, Instant at, String clientIp, String userAgent,
			LoginChannel channel, LoginOutcome outcome) {
		recordAttempt(user, username, at, clientIp, userAgent, channel, outcome, null);
	}

	void recordAttempt(UserId user, String username, Instant at, String clientIp, String userAgent,
			LoginChannel channel, LoginOutcome outcome, String provider) {
		jdbc.sql("""
				insert into directory.login_attempt (user_id, username, at, client_ip, user_agent, channel, outcome,
				                                     provider)
				values (:user, :username, :at, :ip, :agent, :channel, :outcome, :provider)
				""")
			.param("provider", provider)
			.param("user", user == null ? null : user.value())
			.param("username", username.length() > 254 ? username.substring(0, 254) : username)
			.param("at", Timestamp.from(at))
			.param("ip", clientIp)
			.param("agent", userAgent == null || userAgent.length() <= 500 ? userAgent : userAgent.substring(0, 500))
			.param("channel", channel.name())
			.param("outcome", outcome.name())
			.update();
	}

	List<LoginHistory.Entry> attempts(UserId user, int limit, long offset) {
		return jdbc.sql("""
				select at, client_ip, channel, outcome, provider from directory.login_attempt
				where user_id = :user
				order by at desc, id desc
				limit :limit offset :offset
				""")
			.param("user", user.value())
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new LoginHistory.Entry(rs.getTimestamp(1).toInstant(), rs.getString(2),
					LoginChannel.valueOf(rs.getString(3)), LoginOutcome.valueOf(rs.getString(4)), rs.getString(5)))
			.list();
	}

	void insertToken(byte[] hash, UserId user, Instant issuedAt, Instant expiresAt) {
		jdbc.sql("""
				insert into directory.api_token (token_hash, user_id, issued_at, expires_at)
				values (:hash, :user, :now, :expires)
				""")
			.param("hash", hash)
			.param("user", user.value())
			.param("now", Timestamp.from(issuedAt))
			.param("expires", Timestamp.from(expiresAt))
			.update();
	}

	/** A live token of an active user. */
	record LiveToken(UUID id, UserId user, String username, Instant lastUsedAt) {

	}

	Optional<LiveToken> liveToken(byte[] hash, Instant now) {
		return jdbc.sql("""
				select t.id, u.id, u.username, t.last_used_at
				from directory.api_token t join directory.user_account u on u.id = t.user_id
				where t.token_hash = :hash and t.expires_at > :now and u.status = 'ACTIVE'
				""")
			.param("hash", hash)
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new LiveToken(rs.getObject(1, UUID.class), new UserId(rs.getObject(2, UUID.class)),
					rs.getString(3), instant(rs, 4)))
			.optional();
	}

	void touchToken(UUID id, Instant now) {
		jdbc.sql("update directory.api_token set last_used_at = :now where id = :id")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	/**
	 * The ids of the tokens deleted: by hash, by id of the user, or all of the user's.
	 */
	List<UUID> deleteToken(byte[] hash, UserId user) {
		return jdbc.sql("delete from directory.api_token where token_hash = :hash and user_id = :user returning id")
			.param("hash", hash)
			.param("user", user.value())
			.query(UUID.class)
			.list();
	}

	List<UUID> deleteToken(UUID id, UserId user) {
		return jdbc.sql("delete from directory.api_token where id = :id and user_id = :user returning id")
			.param("id", id)
			.param("user", user.value())
			.query(UUID.class)
			.list();
	}

	List<UUID> deleteTokens(UserId user) {
		return jdbc.sql("delete from directory.api_token where user_id = :user returning id")
			.param("user", user.value())
			.query(UUID.class)
			.list();
	}

	void deleteExpiredTokens(Instant now) {
		jdbc.sql("delete from directory.api_token where expires_at <= :now").param("now", Timestamp.from(now)).update();
	}

	List<ApiTokens.TokenView> tokensOf(UserId user, Instant now, byte[] currentHash) {
		return jdbc.sql("""
				select id, issued_at, expires_at, last_used_at, token_hash = :current
				from directory.api_token where user_id = :user and expires_at > :now
				order by issued_at desc, id
				""")
			.param("user", user.value())
			.param("now", Timestamp.from(now))
			.param("current", currentHash == null ? new byte[0] : currentHash)
			.query((rs, n) -> new ApiTokens.TokenView(new TokenId(rs.getObject(1, UUID.class)), instant(rs, 2),
					instant(rs, 3), instant(rs, 4), rs.getBoolean(5)))
			.list();
	}

	private Account account(ResultSet rs, int row) throws SQLException {
		return new Account(new UserId(rs.getObject("id", UUID.class)), rs.getString("username"),
				rs.getString("display_name"), rs.getString("password_hash"), UserStatus.valueOf(rs.getString("status")),
				rs.getInt("failed_logins"), instant(rs, "locked_until"), rs.getInt("lock_level"));
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

}
