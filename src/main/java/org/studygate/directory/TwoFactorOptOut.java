package org.studygate.directory;

import java.time.Clock;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.audit.AuditOutcome;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user turns his own two-factor sign-in off
 * (docs/decisions/058-two-factor-turned-off-by-its-user.md): only with his password and a
 * current second factor given again, so that an open session alone cannot weaken the
 * account, and never for the service desk, whose second factor is always required, nor
 * for a user the two-factor policy covers (decision 065). A wrong password or second
 * factor counts towards the account's lock like a wrong login.
 */
@Service
public class TwoFactorOptOut {

	private final TwoFactor twoFactor;

	private final TwoFactorStore store;

	private final CredentialStore credentials;

	private final PasswordEncoder passwords;

	private final AccountLocks locks;

	private final TwoFactorPolicy policy;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TwoFactorOptOut(TwoFactor twoFactor, TwoFactorStore store, CredentialStore credentials, PasswordEncoder passwords,
			AccountLocks locks, TwoFactorPolicy policy, ApplicationEventPublisher events, Clock clock) {
		this.policy = policy;
		this.twoFactor = twoFactor;
		this.store = store;
		this.credentials = credentials;
		this.passwords = passwords;
		this.locks = locks;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Turns the caller's second factor off.
	 * @throws AccessDeniedException for the service desk and every user the two-factor
	 * policy covers (decision 065; logged DENIED)
	 * @throws ConflictException when it is not on
	 * @throws InvalidInputException when the password or the second factor is not right
	 */
	@Transactional(noRollbackFor = InvalidInputException.class)
	public void turnOff(Actor actor, String password, SecondFactor factor, String clientIp) {
		if (!actor.isUser()) {
			throw new AccessDeniedException("only staff users have a second factor");
		}
		UserId user = actor.userId();
		if (actor.serviceDesk() || policy.covers(actor)) {
			events.publishEvent(new TwoFactorChanged(clock.instant(), actor.asAuditActor(), user,
					TwoFactorChanged.TURNED_OFF, AuditOutcome.DENIED));
			throw new AccessDeniedException("the service desk always signs in with a second factor");
		}
		CredentialStore.Account account = credentials.accountForUpdate(user)
			.orElseThrow(() -> new AccessDeniedException("no such user"));
		if (!twoFactor.required(user)) {
			throw new ConflictException("two-factor sign-in is not on");
		}
		boolean passwordRight = passwords.matches(password == null ? "" : password, account.hash());
		if (!passwordRight || factor == null || !factor.given() || !twoFactor.verify(user, factor)) {
			locks.failed(account, clientIp);
			throw new InvalidInputException("code", "the password or the code is not right");
		}
		store.reset(user);
		events.publishEvent(new TwoFactorChanged(clock.instant(), actor.asAuditActor(), user,
				TwoFactorChanged.TURNED_OFF, AuditOutcome.SUCCESS));
	}

}
