package org.studygate.web;

import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.directory.StaffAuthentication;
import org.studygate.directory.StaffLogin;
import org.studygate.directory.TwoFactor;
import org.studygate.directory.TwoFactorCodes;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Enrolment at sign-in (docs/decisions/065-two-factor-policy-and-codes.md): a user the
 * two-factor policy covers who has no second factor is brought here after a right
 * password, sets up an authenticator app or chooses codes by e-mail or SMS, and is signed
 * in by the first right code (a new session id). Without a pending enrolment, or after
 * ten minutes, the login page.
 */
@Controller
class TwoFactorEnrolmentPage {

	private final TwoFactor twoFactor;

	private final TwoFactorCodes codes;

	private final StaffAuthentication staff;

	private final Clock clock;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	TwoFactorEnrolmentPage(TwoFactor twoFactor, TwoFactorCodes codes, StaffAuthentication staff, Clock clock) {
		this.twoFactor = twoFactor;
		this.codes = codes;
		this.staff = staff;
		this.clock = clock;
	}

	@GetMapping("/login/two-factor")
	String page(HttpServletRequest request) {
		return pending(request).isPresent() ? "login-two-factor" : "redirect:/login?enrolment-expired";
	}

	@PostMapping("/login/two-factor/totp")
	String enrol(HttpServletRequest request, Model model) {
		Optional<PendingEnrolment> pending = pending(request);
		if (pending.isEmpty()) {
			return "redirect:/login?enrolment-expired";
		}
		try {
			model.addAttribute("enrolment", twoFactor.enrolAtSignIn(pending.get().principal()));
		}
		catch (ConflictException ex) {
			PendingEnrolment.end(request);
			return "redirect:/login?second-factor";
		}
		return "login-two-factor";
	}

	/** Chooses codes by e-mail or SMS instead of an app, and sends the first one. */
	@PostMapping("/login/two-factor/code")
	String chooseCodes(@RequestParam(required = false) String channel, HttpServletRequest request, Model model) {
		Optional<PendingEnrolment> pending = pending(request);
		if (pending.isEmpty()) {
			return "redirect:/login?enrolment-expired";
		}
		try {
			codes.chooseAtSignIn(pending.get().principal(), channel);
			model.addAttribute("codeSent", true);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", "twoFactor.noChannel");
		}
		catch (ConflictException ex) {
			PendingEnrolment.end(request);
			return "redirect:/login?second-factor";
		}
		return "login-two-factor";
	}

	@PostMapping("/login/two-factor/confirm")
	String confirm(@RequestParam(required = false) String code, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		Optional<PendingEnrolment> pending = pending(request);
		if (pending.isEmpty()) {
			return "redirect:/login?enrolment-expired";
		}
		StaffLogin login = staff.completeEnrolment(pending.get().principal(), code, request.getRemoteAddr(),
				request.getHeader("User-Agent"));
		if (!(login instanceof StaffLogin.SignedIn signedIn)) {
			model.addAttribute("problem", "twoFactor.wrongCode");
			return "login-two-factor";
		}
		PendingEnrolment.end(request);
		request.changeSessionId();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(StaffAuthenticationProvider.authenticated(signedIn.principal()));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		return "redirect:/my/two-factor?enrolled";
	}

	private Optional<PendingEnrolment> pending(HttpServletRequest request) {
		return PendingEnrolment.of(request, clock.instant());
	}

}
