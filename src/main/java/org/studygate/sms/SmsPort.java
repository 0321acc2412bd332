package org.studygate.sms;

/**
 * Sends text messages. The message text carries secrets: an implementation never logs it.
 */
public interface SmsPort {

	/** Sends the message, or throws {@link SmsRefused} when the gateway refuses it. */
	void send(SmsMessage message);

	/** Whether messages really leave the application (false: kept in the demo outbox). */
	boolean delivers();

}
