package org.studygate.mail;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Mail over SMTP through Spring Mail ({@code spring.mail.*}). */
class SmtpMailPort implements MailPort {

	private final JavaMailSender sender;

	private final String from;

	SmtpMailPort(JavaMailSender sender, String from) {
		this.sender = sender;
		this.from = from;
	}

	@Override
	public void send(MailMessage message) {
		SimpleMailMessage mail = new SimpleMailMessage();
		mail.setFrom(from);
		mail.setTo(message.to());
		mail.setSubject(message.subject());
		mail.setText(message.text());
		sender.send(mail);
	}

	@Override
	public boolean delivers() {
		return true;
	}

}
