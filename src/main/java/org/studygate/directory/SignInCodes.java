package org.studygate.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.InvalidInputException;
import org.studygate.mail.MailMessage;
import org.studygate.mail.MailPort;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Six-digit sign-in codes by e-mail or SMS
 * (docs/decisions/065-two-factor-policy-and-codes.md): each good once, for five minutes,
 * only the newest; kept as a keyed hash bound to its user. The code is sent after the
 * transaction that stored its hash commits, from the request itself through the mail or
 * SMS port, never through the event publication registry, whose serialised event would
 * keep it in clear in the database. A new code is not sent within a minute of the last
 * one.
 */
@Component
class SignInCodes {

	static final Duration VALID_FOR = Duration.ofMinutes(5);

	static final Duration RESEND_AFTER = Duration.ofMinutes(1);

	static final String EMAIL = "EMAIL";

	static final String SMS = "SMS";

	private static final Logger log = LoggerFactory.getLogger(SignInCodes.class);

	private final TwoFactorStore store;

	private final TwoFactorSecrets secrets;

	private final Users users;

	private final MailPort mail;

	private final ObjectProvider<SignInCodeSms> sms;

	private final MessageSource messages;

	private final Clock clock;

	SignInCodes(TwoFactorStore store, TwoFactorSecrets secrets, Users users, MailPort mail,
			ObjectProvider<SignInCodeSms> sms, MessageSource messages, Clock clock) {
		this.store = store;
		this.secrets = secrets;
		this.users = users;
		this.mail = mail;
		this.sms = sms;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * The address or number the method sends to.
	 * @throws InvalidInputException when the user has none on file, or SMS cannot be sent
	 */
	String destination(UserId user, String method) {
		UserView view = users.find(user).orElseThrow(() -> new InvalidInputException("method", "unknown user"));
		String to = EMAIL.equals(method) ? address(view) : view.mobile();
		if (to == null || to.isBlank()) {
			throw new InvalidInputException("method",
					EMAIL.equals(method) ? "no e-mail address is on file" : "no mobile number is on file");
		}
		if (SMS.equals(method) && sms.getIfAvailable() == null) {
			throw new InvalidInputException("method", "text messages cannot be sent");
		}
		return to;
	}

	/** Makes a new code and sends it once the caller's transaction commits. */
	void issue(UserId user, String method) {
		Instant now = clock.instant();
		if (store.codeExpiresAfter(user, now.plus(VALID_FOR).minus(RESEND_AFTER))) {
			return;
		}
		String to = destination(user, method);
		String code = String.format(Locale.ROOT, "%06d", secrets.random().nextInt(1_000_000));
		store.replaceCode(user, hash(user, code), now.plus(VALID_FOR));
		Runnable send = () -> send(user, method, to, code);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					send.run();
				}
			});
		}
		else {
			send.run();
		}
	}

	/** Uses the user's newest code, unexpired, once. */
	boolean check(UserId user, String code) {
		if (code == null || !code.strip().matches("\\d{6}")) {
			return false;
		}
		return store.useCode(user, hash(user, code.strip()), clock.instant());
	}

	private void send(UserId user, String method, String to, String code) {
		Optional<UserView> view = users.find(user);
		Locale locale = Locale
			.forLanguageTag(view.map(UserView::language).filter(l -> l != null && !l.isBlank()).orElse("en"));
		String text = messages.getMessage("mail.signInCode.text", new Object[] { code, VALID_FOR.toMinutes() }, locale);
		try {
			if (EMAIL.equals(method)) {
				mail.send(new MailMessage(to, messages.getMessage("mail.signInCode.subject", null, locale), text));
			}
			else {
				sms.getObject().send(to, text);
			}
		}
		catch (RuntimeException ex) {
			log.warn("A sign-in code for user {} could not be sent by {}: {}", user, method, ex.getClass().getName());
		}
	}

	private byte[] hash(UserId user, String code) {
		return secrets.hash(user, "sign-in-code:" + code);
	}

	private static String address(UserView user) {
		if (user.email() != null && !user.email().isBlank()) {
			return user.email();
		}
		return user.username() != null && user.username().contains("@") ? user.username() : null;
	}

}
