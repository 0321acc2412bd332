package org.studygate.directory;

import java.time.Clock;
import java.util.Locale;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.audit.AuditOutcome;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Codes by e-mail or SMS as a user's second factor
 * (docs/decisions/065-two-factor-policy-and-codes.md): he chooses the channel, a code is
 * sent to the address or number on file, and his first code turns it on. From then every
 * right password sends him a new code, which signs him in once within five minutes.
 */
@Service
public class TwoFactorCodes {

	private final TwoFactorStore store;

	private final CredentialStore credentials;

	private final SignInCodes codes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TwoFactorCodes(TwoFactorStore store, CredentialStore credentials, SignInCodes codes,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.credentials = credentials;
		this.codes = codes;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Chooses codes by {@code EMAIL} or {@code SMS} and sends a first code; with codes of
	 * that channel already on, sends a code to turn them off with.
	 * @throws InvalidInputException for another channel, or none on file
	 * @throws ConflictException when another second factor is on
	 */
	@Transactional
	public void choose(Actor actor, String channel) {
		UserId user = user(actor);
		String method = method(channel);
		codes.destination(user, method);
		if (store.enabled(user)) {
			if (!store.method(user, true).orElse("").equals(method)) {
				throw new ConflictException("another second factor is on");
			}
		}
		else {
			store.pendingCodes(user, method, clock.instant());
		}
		codes.issue(user, method);
	}

	/**
	 * Chooses codes by e-mail or SMS for a user sent to enrolment after a right password
	 * (decision 065), and sends a first code; his sign-in completes with it.
	 */
	@Transactional
	public void chooseAtSignIn(StaffPrincipal pending, String channel) {
		credentials.accountForUpdate(pending.userId()).orElseThrow(() -> new NotFoundException("user"));
		if (store.enabled(pending.userId())) {
			throw new ConflictException("a second factor is on");
		}
		String method = method(channel);
		codes.destination(pending.userId(), method);
		store.pendingCodes(pending.userId(), method, clock.instant());
		codes.issue(pending.userId(), method);
	}

	/** Turns the chosen channel on with the first code sent. */
	@Transactional
	public void confirm(Actor actor, String code) {
		UserId user = user(actor);
		String method = store.method(user, false)
			.filter(m -> !"TOTP".equals(m))
			.orElseThrow(() -> new ConflictException("no code channel is waiting to be confirmed"));
		if (!codes.check(user, code)) {
			throw new InvalidInputException("code", "is not right");
		}
		store.enable(user, clock.instant());
		events.publishEvent(new TwoFactorChanged(clock.instant(), actor.asAuditActor(), user, TwoFactorChanged.ENABLED,
				AuditOutcome.SUCCESS, method));
	}

	private static String method(String channel) {
		String method = channel == null ? "" : channel.strip().toUpperCase(Locale.ROOT);
		if (!SignInCodes.EMAIL.equals(method) && !SignInCodes.SMS.equals(method)) {
			throw new InvalidInputException("channel", "must be EMAIL or SMS");
		}
		return method;
	}

	private UserId user(Actor actor) {
		if (!actor.isUser()) {
			throw new NotFoundException("user");
		}
		credentials.accountForUpdate(actor.userId()).orElseThrow(() -> new NotFoundException("user"));
		return actor.userId();
	}

}
