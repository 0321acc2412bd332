package org.studygate.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens for the REST API: 256 random bits, valid for 8 hours, stored only as a SHA-256
 * hash (a token is as strong as a key, so a fast hash suffices; the clear token exists only in the
 * answer that issues it).
 */
@Service
public class ApiTokens {

	public static final Duration VALIDITY = Duration.ofHours(8);

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	ApiTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A token issued to a user, in clear, with its expiry. */
	public record IssuedToken(String token, Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedToken[****, " + expiresAt + "]";
		}

	}

	@Transactional
	public IssuedToken issue(UserId user) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = clock.instant();
		Instant expiresAt = now.plus(VALIDITY);
		jdbc.sql("""
				insert into directory.api_token (token_hash, user_id, issued_at, expires_at)
				values (:hash, :user, :now, :expires)
				""")
			.param("hash", hash(token))
			.param("user", user.value())
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(expiresAt))
			.update();
		return new IssuedToken(token, expiresAt);
	}

	/** The active user a token stands for, while it has not expired. */
	public Optional<StaffPrincipal> resolve(String token) {
		if (token == null || token.length() < 20 || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select u.id, u.username from directory.api_token t join directory.user_account u on u.id = t.user_id
				where t.token_hash = :hash and t.expires_at > :now and u.status = 'ACTIVE'
				""")
			.param("hash", hash(token))
			.param("now", Timestamp.from(clock.instant()))
			.query((rs, n) -> new StaffPrincipal(new UserId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.optional();
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@Transactional
	public void removeExpired() {
		jdbc.sql("delete from directory.api_token where expires_at <= :now")
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	private static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
