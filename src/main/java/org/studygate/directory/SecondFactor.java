package org.studygate.directory;

/**
 * The second factor given with a password (decision 057): a code of the authenticator
 * app, or one of the recovery codes; either may be {@code null}.
 */
public record SecondFactor(String totp, String recoveryCode) {

	/** No second factor given. */
	public static final SecondFactor NONE = new SecondFactor(null, null);

	boolean given() {
		return (totp != null && !totp.isBlank()) || (recoveryCode != null && !recoveryCode.isBlank());
	}

	@Override
	public String toString() {
		return "SecondFactor[****]";
	}

}
