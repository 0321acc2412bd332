package org.studygate.refcode.web;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.studygate.directory.CodePrincipal;
import org.studygate.refcode.LoginResult;
import org.studygate.refcode.ReferenceNumberId;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The patient's HTTP session between the steps of his sign-in (the pending step, never
 * the code) and the code session it becomes: a {@link CodePrincipal} in the security
 * context, under a new session id.
 */
final class PatientSessions {

	static final String PENDING = PatientSessions.class.getName() + ".pending";

	private static final HttpSessionSecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

	private PatientSessions() {
	}

	/** The second step a patient still has to take. */
	record Pending(UUID referenceNumberId, String step, String destination, int amountCents) implements Serializable {

		/** The code the step is for. */
		ReferenceNumberId code() {
			return new ReferenceNumberId(referenceNumberId);
		}

	}

	static void pending(HttpServletRequest request, LoginResult result) {
		HttpSession session = request.getSession(true);
		if (result instanceof LoginResult.OtpSent otp) {
			session.setAttribute(PENDING,
					new Pending(otp.referenceNumberId().value(), "OTP", otp.maskedDestination(), 0));
		}
		else if (result instanceof LoginResult.PaymentNeeded payment) {
			session.setAttribute(PENDING, new Pending(payment.referenceNumberId().value(), "PAYMENT",
					payment.maskedMobile(), payment.amountCents()));
		}
		else if (result instanceof LoginResult.PincodeNeeded pincode) {
			session.setAttribute(PENDING,
					new Pending(pincode.referenceNumberId().value(), "PINCODE", pincode.maskedMobile(), 0));
		}
	}

	static Pending pending(HttpServletRequest request, String step) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)
				|| !pending.step().equals(step)) {
			return null;
		}
		return pending;
	}

	/**
	 * Opens the code session: a new session id, the code principal in the security
	 * context.
	 */
	static void signIn(HttpServletRequest request, HttpServletResponse response, LoginResult.Verified verified) {
		HttpSession session = request.getSession(true);
		session.removeAttribute(PENDING);
		request.changeSessionId();
		CodePrincipal principal = new CodePrincipal(verified.kind(), verified.referenceNumberId().value(),
				verified.name());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
				List.of(new SimpleGrantedAuthority(CodePrincipal.AUTHORITY))));
		SecurityContextHolder.setContext(context);
		CONTEXTS.saveContext(context, request, response);
	}

	/** A birth date as typed; anything else is no date (and fails like a wrong one). */
	static LocalDate date(String value) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
