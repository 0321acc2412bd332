package org.studygate.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.studygate.audit.AuditActor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The lock by failed logins (decision 028): a failure is counted; the
 * {@link LockPolicy}'s number of consecutive failures locks the account for a while,
 * longer for each lock that follows closely on the one before, and revokes the user's API
 * tokens. The owner is mailed by the {@link LockNotifier}.
 */
@Component
class AccountLocks {

	/**
	 * The actor of a lock by failures: the application, on account of a stranger's
	 * guesses.
	 */
	static final AuditActor STAFF_LOGIN = new AuditActor("SYSTEM", null, "Staff login");

	private final CredentialStore store;

	private final ApiTokens tokens;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LockPolicy policy;

	AccountLocks(CredentialStore store, ApiTokens tokens, ApplicationEventPublisher events, Clock clock,
			@Value("${studygate.staff-login.lock-after-failures:5}") int failures,
			@Value("${studygate.staff-login.first-lock:PT15M}") Duration first,
			@Value("${studygate.staff-login.longest-lock:PT24H}") Duration longest,
			@Value("${studygate.staff-login.lock-memory:PT24H}") Duration memory) {
		this.store = store;
		this.tokens = tokens;
		this.events = events;
		this.clock = clock;
		this.policy = new LockPolicy(failures, first, longest, memory);
	}

	LockPolicy policy() {
		return policy;
	}

	/**
	 * Counts a wrong password against an account that is not locked, and locks it at the
	 * limit.
	 */
	void failed(CredentialStore.Account account, String clientIp) {
		if (account.failedLogins() + 1 < policy.failures()) {
			store.countFailure(account.id());
			return;
		}
		Instant now = clock.instant();
		int level = policy.nextLevel(account.lockLevel(), account.lockedUntil(), now);
		Instant until = now.plus(policy.duration(level));
		store.lockUntil(account.id(), until, level);
		tokens.revokeAll(account.id(), STAFF_LOGIN, "account locked");
		events.publishEvent(new UserLocked(now, STAFF_LOGIN, account.id(), account.username(), UserLocked.BY_FAILURES,
				until, level, clientIp, null));
	}

}
