package org.studygate.directory;

/**
 * A new authenticator secret, shown once (decision 057): the base32 secret, the
 * {@code otpauth://} URI an authenticator app reads, and that URI as a QR code (SVG).
 */
public record TotpEnrolment(String secret, String otpauthUri, String qrSvg) {

	@Override
	public String toString() {
		return "TotpEnrolment[****]";
	}

}
