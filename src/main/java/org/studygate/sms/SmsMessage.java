package org.studygate.sms;

import java.util.Objects;

/** A text message to one mobile number. */
public record SmsMessage(String to, String text) {

	public SmsMessage {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(text, "text");
	}

	/** The number as logs and pages show it: the last two digits only. */
	public String maskedTo() {
		return mask(to);
	}

	public static String mask(String number) {
		if (number == null || number.length() < 4) {
			return "\u2022\u2022\u2022\u2022";
		}
		return "\u2022".repeat(Math.max(4, number.length() - 2)) + number.substring(number.length() - 2);
	}

	@Override
	public String toString() {
		return "SmsMessage[to=" + maskedTo() + ", text=(hidden)]";
	}

}
