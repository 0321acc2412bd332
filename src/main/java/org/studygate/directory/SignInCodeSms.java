package org.studygate.directory;

/**
 * Sends a sign-in code by text message
 * (docs/decisions/065-two-factor-policy-and-codes.md). The SMS module answers it through
 * its port; the directory does not depend on it. An implementation never logs the text.
 */
public interface SignInCodeSms {

	/** Sends the text to the mobile number, or throws when the gateway refuses it. */
	void send(String mobile, String text);

}
