package org.studygate.directory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks staff credentials (decision 028). Consecutive failures lock the account for a
 * while, never for good ({@link LockPolicy}); an address that fails too often is
 * throttled before anything is checked. Unknown users, wrong passwords and locked
 * accounts get the same answer after the same work (a password hash is always computed),
 * so that usernames cannot be discovered. A right password of a user whose kind has local
 * passwords switched off (decision 056) is refused with that same answer.
 *
 * <p>
 * The throttle's buckets live on connections of their own, so the account is checked in a
 * short transaction of its own after the throttle was asked, never while holding a
 * connection it waits on.
 */
@Service
public class StaffAuthentication {

	private static final Logger log = LoggerFactory.getLogger(StaffAuthentication.class);

	/**
	 * Consecutive failures that lock an account by default
	 * (docs/product/05-workflows.md).
	 */
	public static final int LOCK_AFTER_FAILURES = 5;

	private final CredentialStore store;

	private final PasswordEncoder passwords;

	private final AccountLocks locks;

	private final StaffLoginThrottle throttle;

	private final TwoFactor twoFactor;

	private final LocalPasswords localPasswords;

	private final TwoFactorPolicy policy;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final String dummyHash;

	StaffAuthentication(CredentialStore store, PasswordEncoder passwords, AccountLocks locks,
			StaffLoginThrottle throttle, TwoFactor twoFactor, LocalPasswords localPasswords, TwoFactorPolicy policy,
			ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactionManager) {
		this.twoFactor = twoFactor;
		this.policy = policy;
		this.localPasswords = localPasswords;
		this.store = store;
		this.passwords = passwords;
		this.locks = locks;
		this.throttle = throttle;
		this.events = events;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.dummyHash = passwords.encode("not-a-password-" + UUID.randomUUID());
	}

	/**
	 * Checks a username and password and records the attempt in the user's login history.
	 * @return the principal when the credentials are right and the account is not locked
	 */
	public Optional<StaffPrincipal> authenticate(String username, String password, LoginChannel channel,
			String clientIp, String userAgent) {
		return login(username, password, channel, clientIp, userAgent) instanceof StaffLogin.SignedIn signedIn
				? Optional.of(signedIn.principal()) : Optional.empty();
	}

	/**
	 * Checks a username and password, unless the client's address is throttled, and
	 * records the attempt in the user's login history and the access log.
	 */
	public StaffLogin login(String username, String password, LoginChannel channel, String clientIp, String userAgent) {
		return login(username, password, SecondFactor.NONE, channel, clientIp, userAgent);
	}

	/**
	 * Checks a username, password and, for an account with two-factor sign-in on, the
	 * second factor (decision 057); a wrong second factor counts towards the lock like a
	 * wrong password. A password change asks for the password only: its caller is signed
	 * in already.
	 */
	public StaffLogin login(String username, String password, SecondFactor factor, LoginChannel channel,
			String clientIp, String userAgent) {
		String name = username == null ? "" : username.trim();
		if (throttle.throttled(clientIp)) {
			log.warn("Staff login throttled for client address {} ({})", clientIp, channel);
			transactions.executeWithoutResult(status -> {
				Optional<CredentialStore.Named> user = store.named(name);
				recorded(user.map(CredentialStore.Named::id).orElse(null), name,
						user.map(CredentialStore.Named::displayName).orElse(null), channel, LoginOutcome.THROTTLED,
						clientIp, userAgent);
			});
			return new StaffLogin.Throttled();
		}
		SecondFactor second = factor == null ? SecondFactor.NONE : factor;
		StaffLogin result = transactions.execute(status -> check(name, password, second, channel, clientIp, userAgent));
		if (!(result instanceof StaffLogin.SignedIn) && !(result instanceof StaffLogin.SecondFactorRequired)
				&& !(result instanceof StaffLogin.EnrolmentRequired)) {
			throttle.failed(clientIp);
		}
		return result;
	}

	private StaffLogin check(String name, String password, SecondFactor factor, LoginChannel channel, String clientIp,
			String userAgent) {
		Optional<CredentialStore.Account> account = store.accountForUpdate(name);
		boolean matches = passwords.matches(password == null ? "" : password,
				account.map(CredentialStore.Account::hash).orElse(dummyHash));
		Instant now = clock.instant();
		LoginOutcome outcome;
		if (account.isEmpty()) {
			outcome = LoginOutcome.BAD_CREDENTIALS;
		}
		else if (account.get().lockedAt(now)) {
			outcome = LoginOutcome.LOCKED;
		}
		else if (!matches) {
			outcome = LoginOutcome.BAD_CREDENTIALS;
			locks.failed(account.get(), clientIp);
		}
		else if (!localPasswords.allowed(account.get().id())) {
			outcome = LoginOutcome.PASSWORD_OFF;
		}
		else {
			outcome = secondFactor(account.get(), factor, channel, clientIp);
		}
		UserId userId = account.map(CredentialStore.Account::id).orElse(null);
		recorded(userId, name, account.map(CredentialStore.Account::displayName).orElse(null), channel, outcome,
				clientIp, userAgent);
		return switch (outcome) {
			case SUCCESS -> new StaffLogin.SignedIn(new StaffPrincipal(userId, account.get().username()));
			case SECOND_FACTOR_REQUIRED -> new StaffLogin.SecondFactorRequired();
			case ENROLMENT_REQUIRED ->
				new StaffLogin.EnrolmentRequired(new StaffPrincipal(userId, account.get().username()));
			default -> new StaffLogin.Refused();
		};
	}

	/**
	 * The outcome of a right password: the second factor decides, where one is on; a user
	 * the two-factor policy covers who has none must enrol one first (decision 065).
	 */
	private LoginOutcome secondFactor(CredentialStore.Account account, SecondFactor factor, LoginChannel channel,
			String clientIp) {
		if (channel != LoginChannel.PASSWORD_CHANGE && twoFactor.required(account.id())) {
			if (!factor.given()) {
				if (!twoFactor.remembered(account.id(), factor.rememberedBrowser())) {
					twoFactor.sendCode(account.id());
					return LoginOutcome.SECOND_FACTOR_REQUIRED;
				}
			}
			else if (!twoFactor.verify(account.id(), factor)) {
				locks.failed(account, clientIp);
				return LoginOutcome.BAD_SECOND_FACTOR;
			}
		}
		else if (channel != LoginChannel.PASSWORD_CHANGE && policy.covers(account.id())) {
			return LoginOutcome.ENROLMENT_REQUIRED;
		}
		store.succeeded(account.id());
		return LoginOutcome.SUCCESS;
	}

	/**
	 * Completes the sign-in of a user sent to enrolment after a right password: his first
	 * authenticator code turns the enrolled secret on and signs him in; a wrong one
	 * counts towards the lock like a wrong second factor (decision 065).
	 */
	public StaffLogin completeEnrolment(StaffPrincipal pending, String code, String clientIp, String userAgent) {
		StaffLogin result = transactions.execute(status -> {
			Optional<CredentialStore.Account> account = store.accountForUpdate(pending.userId());
			if (account.isEmpty()) {
				return new StaffLogin.Refused();
			}
			LoginOutcome outcome;
			if (account.get().lockedAt(clock.instant())) {
				outcome = LoginOutcome.LOCKED;
			}
			else if (twoFactor.confirmAtSignIn(account.get(), code)) {
				store.succeeded(pending.userId());
				outcome = LoginOutcome.SUCCESS;
			}
			else {
				locks.failed(account.get(), clientIp);
				outcome = LoginOutcome.BAD_SECOND_FACTOR;
			}
			recorded(pending.userId(), pending.username(), account.get().displayName(), LoginChannel.FORM, outcome,
					clientIp, userAgent);
			return outcome == LoginOutcome.SUCCESS ? new StaffLogin.SignedIn(pending) : new StaffLogin.Refused();
		});
		if (!(result instanceof StaffLogin.SignedIn)) {
			throttle.failed(clientIp);
		}
		return result;
	}

	private void recorded(UserId userId, String name, String displayName, LoginChannel channel, LoginOutcome outcome,
			String clientIp, String userAgent) {
		Instant now = clock.instant();
		store.recordAttempt(userId, name, now, clientIp, userAgent, channel, outcome);
		events.publishEvent(new LoginAttempted(now, userId, name, displayName, channel, outcome, clientIp));
	}

	/**
	 * A page of the user's own login attempts, newest first,
	 * {@link LoginHistory#PAGE_SIZE} a page. Only attempts recorded against this user are
	 * shown: attempts with an unknown username belong to nobody, so a user cannot learn
	 * which other names were tried.
	 */
	public LoginHistory history(UserId user, int page) {
		int from = Math.max(0, page);
		List<LoginHistory.Entry> rows = store.attempts(user, LoginHistory.PAGE_SIZE + 1,
				(long) from * LoginHistory.PAGE_SIZE);
		boolean more = rows.size() > LoginHistory.PAGE_SIZE;
		return new LoginHistory(more ? rows.subList(0, LoginHistory.PAGE_SIZE) : rows, from, more);
	}

}
