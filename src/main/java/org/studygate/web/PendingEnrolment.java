package org.studygate.web;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.studygate.directory.StaffPrincipal;

/**
 * A right password of a user the two-factor policy covers who has no second factor yet
 * (docs/decisions/065-two-factor-policy-and-codes.md): kept in the still anonymous
 * session for ten minutes, it lets him enrol an authenticator and nothing else. The
 * session is not signed in until his first code is right.
 */
record PendingEnrolment(StaffPrincipal principal, Instant until) implements Serializable {

	static final Duration VALID_FOR = Duration.ofMinutes(10);

	private static final String ATTRIBUTE = PendingEnrolment.class.getName();

	static void start(HttpServletRequest request, StaffPrincipal principal, Instant now) {
		request.getSession(true).setAttribute(ATTRIBUTE, new PendingEnrolment(principal, now.plus(VALID_FOR)));
	}

	static Optional<PendingEnrolment> of(HttpServletRequest request, Instant now) {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(ATTRIBUTE) instanceof PendingEnrolment pending
				&& now.isBefore(pending.until())) {
			return Optional.of(pending);
		}
		return Optional.empty();
	}

	static void end(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ATTRIBUTE);
		}
	}

}
