package org.studygate.directory;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.studygate.mail.MailMessage;
import org.studygate.mail.MailPort;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the owner of an account that it was locked (decision 028), by e-mail after the
 * lock committed, from the event publication registry (a mail server that is down delays
 * the mail; a failed delivery is retried). The mail says until when, and from which
 * address the last failure came, so that the owner can tell the service desk if it was
 * not him. Times are in UTC: a user has no time zone of his own.
 */
@Component
class LockNotifier {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final MailPort mail;

	private final Users users;

	private final MessageSource messages;

	LockNotifier(MailPort mail, Users users, MessageSource messages) {
		this.mail = mail;
		this.users = users;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(UserLocked locked) {
		users.find(locked.userId()).ifPresent(user -> {
			String address = address(user);
			if (address != null) {
				mail.send(compose(locked, user, address));
			}
		});
	}

	private MailMessage compose(UserLocked locked, UserView user, String address) {
		Locale locale = Locale.forLanguageTag(user.language() == null ? "en" : user.language());
		List<String> lines = new ArrayList<>();
		lines.add(messages.getMessage("mail.locked.greeting", new Object[] { user.displayName() }, locale));
		lines.add("");
		if (locked.byFailures()) {
			lines.add(messages.getMessage("mail.locked.failures",
					new Object[] { Duration.between(locked.occurredAt(), locked.lockedUntil()).toMinutes(),
							TIME.format(locked.lockedUntil()), locked.clientIp() == null ? "?" : locked.clientIp() },
					locale));
			lines.add(messages.getMessage("mail.locked.notYou", null, locale));
		}
		else {
			lines.add(messages.getMessage("mail.locked.desk", null, locale));
		}
		return new MailMessage(address, messages.getMessage("mail.locked.subject", null, locale),
				String.join("\n", lines));
	}

	private static String address(UserView user) {
		if (user.email() != null && !user.email().isBlank()) {
			return user.email();
		}
		return user.username() != null && user.username().contains("@") ? user.username() : null;
	}

}
