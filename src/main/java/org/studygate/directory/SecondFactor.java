package org.studygate.directory;

/**
 * The second factor given with a password (decision 057): a code of the authenticator
 * app, or one of the recovery codes, or the cookie of a browser remembered for 30 days;
 * each may be {@code null}.
 */
public record SecondFactor(String totp, String recoveryCode, String rememberedBrowser) {

	/** No second factor given. */
	public static final SecondFactor NONE = new SecondFactor(null, null, null);

	public SecondFactor(String totp, String recoveryCode) {
		this(totp, recoveryCode, null);
	}

	boolean given() {
		return (totp != null && !totp.isBlank()) || (recoveryCode != null && !recoveryCode.isBlank());
	}

	@Override
	public String toString() {
		return "SecondFactor[****]";
	}

}
