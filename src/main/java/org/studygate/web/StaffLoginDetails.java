package org.studygate.web;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.directory.SecondFactor;

import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The login form's details: the client's address and the second factor typed beside the
 * password (decision 057). Six digits are an authenticator code, anything else a recovery
 * code.
 */
class StaffLoginDetails extends WebAuthenticationDetails {

	private final transient SecondFactor secondFactor;

	StaffLoginDetails(HttpServletRequest request) {
		super(request);
		String code = request.getParameter("code");
		if (code == null || code.isBlank()) {
			this.secondFactor = SecondFactor.NONE;
		}
		else if (code.strip().matches("\\d{6}")) {
			this.secondFactor = new SecondFactor(code.strip(), null);
		}
		else {
			this.secondFactor = new SecondFactor(null, code);
		}
	}

	SecondFactor secondFactor() {
		return secondFactor;
	}

}
