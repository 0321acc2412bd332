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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.NotFoundException;
import org.studygate.audit.AuditActor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens for the REST API: 256 random bits, valid for 8 hours, stored only as a
 * SHA-256 hash (a token is as strong as a key, so a fast hash suffices; the clear token
 * exists only in the answer that issues it). Each token has a non-secret id by which its
 * owner lists and revokes it; its last use is written at most once a minute, not on every
 * request. A token ends at its expiry, when its owner revokes it (or logs out with it),
 * and with all of the user's tokens when his password changes, his account is locked or
 * the service desk acts on it (decision 029).
 */
@Service
public class ApiTokens {

	public static final Duration VALIDITY = Duration.ofHours(8);

	/** The last use of a token is written at most this often. */
	static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

	private final SecureRandom random = new SecureRandom();

	private final CredentialStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final UserStore users;

	private final MembershipStore memberships;

	ApiTokens(CredentialStore store, ApplicationEventPublisher events, Clock clock, UserStore users,
			MembershipStore memberships) {
		this.store = store;
		this.events = events;
		this.clock = clock;
		this.users = users;
		this.memberships = memberships;
	}

	/** The user a live token stands for and the actor he acts as, read together. */
	public record TokenActor(StaffPrincipal principal, Actor actor) {

	}

	/** A token issued to a user, in clear, with its expiry. */
	public record IssuedToken(String token, Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedToken[****, " + expiresAt + "]";
		}

	}

	/**
	 * One of a user's active tokens, without its secret; {@code current} is the one of
	 * the request.
	 */
	public record TokenView(TokenId id, Instant issuedAt, Instant expiresAt, Instant lastUsedAt, boolean current) {

	}

	@Transactional
	public IssuedToken issue(UserId user) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = clock.instant();
		Instant expiresAt = now.plus(VALIDITY);
		store.insertToken(hash(token), user, now, expiresAt);
		return new IssuedToken(token, expiresAt);
	}

	/** The active user a token stands for, while it has not expired nor been revoked. */
	public Optional<StaffPrincipal> resolve(String token) {
		if (!plausible(token)) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		return store.liveToken(hash(token), now).map(live -> {
			if (live.lastUsedAt() == null || !now.isBefore(live.lastUsedAt().plus(LAST_USE_PRECISION))) {
				store.touchToken(live.id(), now);
			}
			return new StaffPrincipal(live.user(), live.username());
		});
	}

	/**
	 * {@link #resolve} and the actor of the token's user ({@link Directory#actorOf}) in
	 * one query, for a request that is to act at once
	 * (docs/decisions/076-gateway-in-two-queries.md). Nothing is kept beyond the request.
	 */
	public Optional<TokenActor> resolveWithActor(String token) {
		if (!plausible(token)) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		return users.tokenActorRow(hash(token), Timestamp.from(now), memberships.lapse()).map(live -> {
			if (live.lastUsedAt() == null || !now.isBefore(live.lastUsedAt().plus(LAST_USE_PRECISION))) {
				store.touchToken(live.tokenId(), now);
			}
			return new TokenActor(new StaffPrincipal(live.user(), live.username()),
					Directory.actor(live.user(), live.actor()));
		});
	}

	/**
	 * The actor's active tokens, newest first; {@code currentToken} (may be {@code null})
	 * is marked.
	 */
	public List<TokenView> tokensOf(Actor actor, String currentToken) {
		if (!actor.isUser()) {
			throw new NotFoundException("user");
		}
		return store.tokensOf(actor.userId(), clock.instant(), plausible(currentToken) ? hash(currentToken) : null);
	}

	/** Revokes the token the actor's request came with: a logout of the API. */
	@Transactional
	public void logout(Actor actor, String token) {
		if (!actor.isUser() || !plausible(token)) {
			return;
		}
		List<UUID> revoked = store.deleteToken(hash(token), actor.userId());
		revoked.forEach(id -> published(actor.asAuditActor(), actor.userId(), id, 1, "logout"));
	}

	/**
	 * Revokes one of the actor's own tokens by its id. Another user's token, or an id
	 * that is none, is not found, and the attempt is logged as refused. (A malformed id
	 * never gets here: it is not found where the request is read.)
	 */
	@Transactional
	public void revoke(Actor actor, TokenId id) {
		if (!actor.isUser()) {
			throw new NotFoundException("token");
		}
		List<UUID> revoked = store.deleteToken(id.value(), actor.userId());
		if (revoked.isEmpty()) {
			events.publishEvent(new TokenRevoked(clock.instant(), actor.asAuditActor(), actor.userId(), id.value(), 0,
					"not the actor's token", true));
			throw new NotFoundException("token");
		}
		published(actor.asAuditActor(), actor.userId(), id.value(), 1, "revoked by the owner");
	}

	/**
	 * Revokes every token of the user, in the caller's transaction; logged when there was
	 * any. Only the directory's own account changes call this, having decided.
	 */
	@Transactional
	int revokeAll(UserId user, AuditActor by, String reason) {
		List<UUID> revoked = store.deleteTokens(user);
		if (!revoked.isEmpty()) {
			published(by, user, null, revoked.size(), reason);
		}
		return revoked.size();
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@Transactional
	public void removeExpired() {
		store.deleteExpiredTokens(clock.instant());
	}

	private void published(AuditActor by, UserId user, UUID tokenId, int count, String reason) {
		events.publishEvent(new TokenRevoked(clock.instant(), by, user, tokenId, count, reason, false));
	}

	private static boolean plausible(String token) {
		return token != null && token.length() >= 20 && token.length() <= 100;
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
