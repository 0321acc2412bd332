package org.studygate.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.studygate.directory.SecondFactor;

import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The login form's details: the client's address and the second factor typed beside the
 * password (decision 057). Six digits are an authenticator code, anything else a recovery
 * code.
 */
class StaffLoginDetails extends WebAuthenticationDetails {

	/** The cookie of a browser remembered for 30 days, sent to the login only. */
	static final String REMEMBER_COOKIE = "STUDYGATE_2FA_BROWSER";

	private final transient SecondFactor secondFactor;

	private final boolean remember;

	StaffLoginDetails(HttpServletRequest request) {
		super(request);
		String code = request.getParameter("code");
		if (code == null || code.isBlank()) {
			this.secondFactor = new SecondFactor(null, null, cookie(request));
		}
		else if (code.strip().matches("\\d{6}")) {
			this.secondFactor = new SecondFactor(code.strip(), null);
		}
		else {
			this.secondFactor = new SecondFactor(null, code);
		}
		this.remember = "true".equals(request.getParameter("remember"));
	}

	/** A code was typed and the user asked to remember this browser. */
	boolean rememberBrowser() {
		return remember && secondFactor.totp() != null;
	}

	private static String cookie(HttpServletRequest request) {
		if (request.getCookies() == null) {
			return null;
		}
		for (Cookie cookie : request.getCookies()) {
			if (REMEMBER_COOKIE.equals(cookie.getName())) {
				return cookie.getValue();
			}
		}
		return null;
	}

	SecondFactor secondFactor() {
		return secondFactor;
	}

}
