package org.studygate.mail;

/** How an e-mail address is shown to someone who must recognise it but not learn it. */
public final class MailAddresses {

	private MailAddresses() {
	}

	/**
	 * The first letter and the domain: {@code j•••@example.org}; a very short name shows
	 * none of it.
	 */
	public static String masked(String address) {
		int at = address.indexOf('@');
		return at <= 1 ? "\u2022\u2022\u2022" + address.substring(Math.max(at, 0))
				: address.charAt(0) + "\u2022\u2022\u2022" + address.substring(at);
	}

}
