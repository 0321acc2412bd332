package org.studygate.directory;

import java.time.Clock;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A staff user changes his own password, giving the current one. The current password is
 * checked as a login is (channel PASSWORD_CHANGE): a wrong one counts towards the lock
 * and the address's throttle, so a borrowed session cannot be used to guess it. The
 * change revokes all of the user's API tokens (decision 029).
 */
@Service
public class PasswordChange {

	private final StaffAuthentication authentication;

	private final CredentialStore store;

	private final PasswordEncoder passwords;

	private final ApiTokens tokens;

	private final TwoFactorStore twoFactor;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	PasswordChange(StaffAuthentication authentication, CredentialStore store, PasswordEncoder passwords,
			ApiTokens tokens, TwoFactorStore twoFactor, ApplicationEventPublisher events, Clock clock,
			PlatformTransactionManager transactions) {
		this.authentication = authentication;
		this.twoFactor = twoFactor;
		this.store = store;
		this.passwords = passwords;
		this.tokens = tokens;
		this.events = events;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
	}

	/**
	 * Changes the actor's password.
	 * @throws InvalidInputException naming {@code newPassword} when it breaks the
	 * password rule, or {@code currentPassword} when that is not right (or cannot be
	 * checked now)
	 */
	public void change(Actor actor, String currentPassword, String newPassword, String clientIp, String userAgent) {
		if (!actor.isUser()) {
			throw new NotFoundException("user");
		}
		if (!Password.isAcceptable(newPassword)) {
			throw new InvalidInputException("newPassword",
					"must have at least " + Password.MINIMUM_LENGTH + " characters with a letter and a digit");
		}
		String username = store.accountForUpdate(actor.userId())
			.map(CredentialStore.Account::username)
			.orElseThrow(() -> new NotFoundException("user"));
		StaffLogin checked = authentication.login(username, currentPassword, LoginChannel.PASSWORD_CHANGE, clientIp,
				userAgent);
		if (!(checked instanceof StaffLogin.SignedIn signedIn)
				|| !signedIn.principal().userId().equals(actor.userId())) {
			throw new InvalidInputException("currentPassword", "is not right");
		}
		String hash = passwords.encode(newPassword);
		transactions.executeWithoutResult(status -> {
			store.changePassword(actor.userId(), hash);
			tokens.revokeAll(actor.userId(), actor.asAuditActor(), "password changed");
			twoFactor.forgetBrowsers(actor.userId());
			events.publishEvent(new PasswordChanged(clock.instant(), actor.asAuditActor(), actor.userId()));
		});
	}

}
