package org.studygate.directory;

import java.time.Clock;

import org.studygate.ConflictException;
import org.studygate.NotFoundException;
import org.studygate.audit.AuditOutcome;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the service desk does to a staff account beyond its profile data: lock it on
 * purpose, unlock it at once (whatever locked it), change it, reset its second factor.
 * Each action revokes the user's API tokens, so that a token issued before the change
 * cannot outlive it (decisions 028, 029).
 */
@Service
public class AccountAdministration {

	private final Users users;

	private final CredentialStore store;

	private final ApiTokens tokens;

	private final TwoFactorStore twoFactor;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AccountAdministration(Users users, CredentialStore store, ApiTokens tokens, TwoFactorStore twoFactor,
			ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.twoFactor = twoFactor;
		this.store = store;
		this.tokens = tokens;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Locks an account on purpose (someone left, a password leaked) until the service
	 * desk unlocks it. The service desk does not lock its own account: someone must be
	 * left to unlock.
	 */
	@Transactional
	public void lock(Actor actor, UserId user, String reason) {
		enforce(actor, user, "USER_LOCKED");
		CredentialStore.Account account = store.accountForUpdate(user).orElseThrow(() -> new NotFoundException("user"));
		if (user.equals(actor.userId())) {
			throw new ConflictException("the service desk does not lock its own account");
		}
		store.lockByServiceDesk(user);
		tokens.revokeAll(user, actor.asAuditActor(), "account locked");
		events.publishEvent(new UserLocked(clock.instant(), actor.asAuditActor(), user, account.username(),
				UserLocked.BY_SERVICE_DESK, null, 0, null, reason == null ? null : reason.strip()));
	}

	/**
	 * Unlocks an account at once, whether the service desk or failed logins locked it,
	 * and clears its failures.
	 */
	@Transactional
	public void unlock(Actor actor, UserId user) {
		enforce(actor, user, "USER_UNLOCKED");
		CredentialStore.Account account = store.accountForUpdate(user).orElseThrow(() -> new NotFoundException("user"));
		store.unlock(user);
		tokens.revokeAll(user, actor.asAuditActor(), "unlocked by the service desk");
		events.publishEvent(new UserUnlocked(clock.instant(), actor.asAuditActor(), user, account.username()));
	}

	/** The service desk's alone; anyone else is refused, and the refusal logged. */
	private void enforce(Actor actor, UserId user, String action) {
		AdministrationDecision decision = AdministrationPolicy.platform(actor);
		if (decision instanceof AdministrationDecision.Refused) {
			events.publishEvent(new AccountActionRefused(clock.instant(), actor.asAuditActor(), user, action));
			decision.enforce();
		}
	}

	/**
	 * Turns a user's two-factor sign-in off (a lost phone and lost recovery codes,
	 * decision 057): his authenticator secret, recovery codes and remembered browsers are
	 * deleted and his API tokens revoked; he signs in with his password and sets it up
	 * anew.
	 */
	@Transactional
	public void resetTwoFactor(Actor actor, UserId user) {
		AdministrationDecision decision = AdministrationPolicy.platform(actor);
		if (decision instanceof AdministrationDecision.Refused) {
			events.publishEvent(new TwoFactorChanged(clock.instant(), actor.asAuditActor(), user,
					TwoFactorChanged.RESET, AuditOutcome.DENIED));
			decision.enforce();
		}
		store.accountForUpdate(user).orElseThrow(() -> new NotFoundException("user"));
		twoFactor.reset(user);
		tokens.revokeAll(user, actor.asAuditActor(), "two-factor sign-in reset by the service desk");
		events.publishEvent(new TwoFactorChanged(clock.instant(), actor.asAuditActor(), user, TwoFactorChanged.RESET,
				AuditOutcome.SUCCESS));
	}

	/**
	 * Changes a user's profile: his own, or anyone's for the service desk; a change by
	 * the service desk revokes the user's tokens.
	 */
	@Transactional
	public UserView changeProfile(Actor actor, UserId user, ProfileChanges changes) {
		UserView changed = users.changeProfile(actor, user, changes);
		if (!user.equals(actor.userId())) {
			tokens.revokeAll(user, actor.asAuditActor(), "changed by the service desk");
		}
		return changed;
	}

}
