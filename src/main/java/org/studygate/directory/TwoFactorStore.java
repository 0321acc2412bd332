package org.studygate.directory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the second factor: {@code directory.two_factor} (the encrypted TOTP secret,
 * whether it is confirmed, the last time step used) and {@code directory.recovery_code}
 * (hashes only).
 */
@Repository
class TwoFactorStore {

	private final JdbcClient jdbc;

	TwoFactorStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Totp(byte[] cipher, String keyId, boolean enabled, long lastStep) {

	}

	Optional<Totp> totp(UserId user) {
		return jdbc
			.sql("select totp_cipher, key_id, enabled_at is not null, last_step from directory.two_factor"
					+ " where user_id = :user and method = 'TOTP'")
			.param("user", user.value())
			.query((rs, n) -> new Totp(rs.getBytes(1), rs.getString(2), rs.getBoolean(3), rs.getLong(4)))
			.optional();
	}

	boolean enabled(UserId user) {
		return jdbc.sql("select count(*) from directory.two_factor where user_id = :user and enabled_at is not null")
			.param("user", user.value())
			.query(Integer.class)
			.single() > 0;
	}

	/** A new secret waiting for its first code; replaces one not confirmed. */
	void pending(UserId user, byte[] cipher, String keyId, Instant now) {
		jdbc.sql("""
				insert into directory.two_factor (user_id, totp_cipher, key_id, created_at)
				values (:user, :cipher, :key, :now)
				on conflict (user_id) do update set totp_cipher = excluded.totp_cipher, key_id = excluded.key_id,
				  created_at = excluded.created_at, enabled_at = null, last_step = -1, method = 'TOTP'
				where directory.two_factor.enabled_at is null
				""")
			.param("user", user.value())
			.param("cipher", cipher)
			.param("key", keyId)
			.param("now", Timestamp.from(now))
			.update();
	}

	void enable(UserId user, Instant now) {
		jdbc.sql("update directory.two_factor set enabled_at = :now where user_id = :user")
			.param("now", Timestamp.from(now))
			.param("user", user.value())
			.update();
	}

	/** Uses a time step once: false when it, or a later one, was used before. */
	boolean useStep(UserId user, long step) {
		return jdbc.sql("update directory.two_factor set last_step = :step where user_id = :user and last_step < :step")
			.param("step", step)
			.param("user", user.value())
			.update() == 1;
	}

	void replaceRecoveryCodes(UserId user, List<byte[]> hashes) {
		jdbc.sql("delete from directory.recovery_code where user_id = :user").param("user", user.value()).update();
		for (byte[] hash : hashes) {
			jdbc.sql("insert into directory.recovery_code (user_id, code_hash) values (:user, :hash)")
				.param("user", user.value())
				.param("hash", hash)
				.update();
		}
	}

	/** Uses a recovery code once: false when it is not one of the user's, or was used. */
	boolean useRecoveryCode(UserId user, byte[] hash, Instant now) {
		return jdbc.sql("""
				update directory.recovery_code set used_at = :now
				where user_id = :user and code_hash = :hash and used_at is null
				""").param("now", Timestamp.from(now)).param("user", user.value()).param("hash", hash).update() == 1;
	}

	int recoveryCodesLeft(UserId user) {
		return jdbc.sql("select count(*) from directory.recovery_code where user_id = :user and used_at is null")
			.param("user", user.value())
			.query(Integer.class)
			.single();
	}

	void remember(java.util.UUID id, UserId user, byte[] secretHash, Instant now, Instant expiresAt) {
		jdbc.sql("""
				insert into directory.remembered_browser (id, user_id, secret_hash, created_at, expires_at)
				values (:id, :user, :hash, :now, :expires)
				""")
			.param("id", id)
			.param("user", user.value())
			.param("hash", secretHash)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(expiresAt))
			.update();
	}

	Optional<byte[]> rememberedSecret(java.util.UUID id, UserId user, Instant now) {
		return jdbc.sql("""
				select secret_hash from directory.remembered_browser
				where id = :id and user_id = :user and expires_at > :now
				""")
			.param("id", id)
			.param("user", user.value())
			.param("now", Timestamp.from(now))
			.query(byte[].class)
			.optional();
	}

	int forgetBrowsers(UserId user) {
		return jdbc.sql("delete from directory.remembered_browser where user_id = :user")
			.param("user", user.value())
			.update();
	}

	/** Deletes the user's whole second factor: secret, recovery codes, browsers. */
	void reset(UserId user) {
		forgetBrowsers(user);
		jdbc.sql("delete from directory.recovery_code where user_id = :user").param("user", user.value()).update();
		jdbc.sql("delete from directory.sign_in_code where user_id = :user").param("user", user.value()).update();
		jdbc.sql("delete from directory.two_factor where user_id = :user").param("user", user.value()).update();
	}

	/** The method of the user's second factor, on or waiting: TOTP, EMAIL or SMS. */
	Optional<String> method(UserId user, boolean enabled) {
		return jdbc.sql(
				"select method from directory.two_factor where user_id = :user and (enabled_at is not null) = :enabled")
			.param("user", user.value())
			.param("enabled", enabled)
			.query(String.class)
			.optional();
	}

	/**
	 * Codes by e-mail or SMS waiting for a first code; replaces a choice not confirmed.
	 */
	void pendingCodes(UserId user, String method, Instant now) {
		jdbc.sql("""
				insert into directory.two_factor (user_id, method, created_at) values (:user, :method, :now)
				on conflict (user_id) do update set method = excluded.method, totp_cipher = null, key_id = null,
				  created_at = excluded.created_at, enabled_at = null, last_step = -1
				where directory.two_factor.enabled_at is null
				""").param("user", user.value()).param("method", method).param("now", Timestamp.from(now)).update();
	}

	/** Keeps the hash of a new sign-in code, replacing the user's previous one. */
	void replaceCode(UserId user, byte[] hash, Instant expiresAt) {
		jdbc.sql("""
				insert into directory.sign_in_code (user_id, code_hash, expires_at) values (:user, :hash, :expires)
				on conflict (user_id) do update set code_hash = excluded.code_hash, expires_at = excluded.expires_at
				""")
			.param("user", user.value())
			.param("hash", hash)
			.param("expires", Timestamp.from(expiresAt))
			.update();
	}

	/** Uses the user's code once: false when it is not his newest, or expired. */
	boolean useCode(UserId user, byte[] hash, Instant now) {
		return jdbc
			.sql("delete from directory.sign_in_code where user_id = :user and code_hash = :hash and expires_at > :now")
			.param("user", user.value())
			.param("hash", hash)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** Whether the user's current code expires after the instant given. */
	boolean codeExpiresAfter(UserId user, Instant instant) {
		return jdbc.sql("select count(*) from directory.sign_in_code where user_id = :user and expires_at > :instant")
			.param("user", user.value())
			.param("instant", Timestamp.from(instant))
			.query(Integer.class)
			.single() > 0;
	}

}
