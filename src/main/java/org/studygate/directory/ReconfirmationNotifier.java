package org.studygate.directory;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.studygate.mail.MailMessage;
import org.studygate.mail.MailPort;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mails the member of a practice whose membership lapses soon (decision 061), after the
 * reminder's claim committed, from the event publication registry (decision 008): a mail
 * server that is down delays the mail, a failed delivery is retried. The mail carries the
 * membership's one-click link ({@link ReconfirmationLinks}, decision 064).
 */
@Component
class ReconfirmationNotifier {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private final MailPort mail;

	private final Users users;

	private final MessageSource messages;

	private final ReconfirmationLinks links;

	private final String publicUrl;

	ReconfirmationNotifier(MailPort mail, Users users, MessageSource messages, ReconfirmationLinks links,
			@Value("${studygate.public-url}") String publicUrl) {
		this.mail = mail;
		this.users = users;
		this.messages = messages;
		this.links = links;
		this.publicUrl = publicUrl.replaceAll("/+$", "");
	}

	@ApplicationModuleListener
	void on(ReconfirmationDue due) {
		users.find(due.user()).ifPresent(user -> {
			String address = user.email() != null && !user.email().isBlank() ? user.email()
					: user.username() != null && user.username().contains("@") ? user.username() : null;
			if (address == null) {
				return;
			}
			Locale locale = Locale.forLanguageTag(user.language() == null ? "en" : user.language());
			// made here, after the claim committed, so that the clear token is never in
			// the
			// event publication registry; a retried delivery makes a new link
			String token = links.issue(due.user(), due.group()).orElse(null);
			if (token == null) {
				return;
			}
			String link = publicUrl + "/reconfirm/" + due.group() + "/" + token;
			String text = messages.getMessage("mail.reconfirm.greeting", new Object[] { user.displayName() }, locale)
					+ "\n\n" + messages.getMessage("mail.reconfirm.text",
							new Object[] { due.groupName(), DAY.format(due.lapsesAt()), link }, locale);
			mail.send(new MailMessage(address,
					messages.getMessage("mail.reconfirm.subject", new Object[] { due.groupName() }, locale), text));
		});
	}

}
