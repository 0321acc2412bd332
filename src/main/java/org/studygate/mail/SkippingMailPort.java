package org.studygate.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port when no SMTP server is configured (the demo run): logs that a mail was
 * skipped, with its subject and a masked address, never its text, so that no patient data
 * reaches the log.
 */
class SkippingMailPort implements MailPort {

	private static final Logger log = LoggerFactory.getLogger(SkippingMailPort.class);

	@Override
	public void send(MailMessage message) {
		log.info("No mail server configured (spring.mail.host): skipped a notification to {} ({})", mask(message.to()),
				message.subject());
	}

	@Override
	public boolean delivers() {
		return false;
	}

	static String mask(String address) {
		int at = address.indexOf('@');
		return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
	}

}
