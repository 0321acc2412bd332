package org.studygate.sms;

/** The SMS gateway did not accept a message. */
public class SmsRefused extends RuntimeException {

	public SmsRefused(String message) {
		super(message);
	}

	public SmsRefused(String message, Throwable cause) {
		super(message, cause);
	}

}
