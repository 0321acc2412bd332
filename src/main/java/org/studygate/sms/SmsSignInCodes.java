package org.studygate.sms;

import org.studygate.directory.SignInCodeSms;

import org.springframework.stereotype.Component;

/**
 * Sends the directory's sign-in codes (docs/decisions/065-two-factor-policy-and-codes.md)
 * through the SMS port: the gateway, or the demo outbox without one.
 */
@Component
class SmsSignInCodes implements SignInCodeSms {

	private final SmsPort port;

	SmsSignInCodes(SmsPort port) {
		this.port = port;
	}

	@Override
	public void send(String mobile, String text) {
		port.send(new SmsMessage(mobile, text));
	}

}
