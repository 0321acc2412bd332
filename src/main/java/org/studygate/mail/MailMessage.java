package org.studygate.mail;

import java.util.Objects;

/** A plain-text e-mail to one address. */
public record MailMessage(String to, String subject, String text) {

	public MailMessage {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(text, "text");
	}

}
