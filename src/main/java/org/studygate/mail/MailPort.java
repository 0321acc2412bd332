package org.studygate.mail;

/**
 * Sends e-mail. Callers send after their commit, so that a failing mail server fails no
 * transaction.
 */
public interface MailPort {

	/**
	 * Sends the message, or throws when the server refuses it (the caller's event is then
	 * retried).
	 */
	void send(MailMessage message);

	/**
	 * Whether mail really leaves the application (false: messages are only logged as
	 * skipped).
	 */
	boolean delivers();

}
