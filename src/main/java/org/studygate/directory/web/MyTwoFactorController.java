package org.studygate.directory.web;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.directory.SecondFactor;
import org.studygate.directory.TwoFactor;
import org.studygate.directory.TwoFactorCodes;
import org.studygate.directory.TwoFactorOptOut;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page of the user's own second factor (decision 057): set up an authenticator app
 * (the QR code and secret are shown on the answer to the set-up, once), confirm it with a
 * first code, make new recovery codes (shown once).
 */
@Controller
class MyTwoFactorController {

	private final TwoFactor twoFactor;

	private final TwoFactorOptOut optOut;

	private final TwoFactorCodes codes;

	MyTwoFactorController(TwoFactor twoFactor, TwoFactorOptOut optOut, TwoFactorCodes codes) {
		this.twoFactor = twoFactor;
		this.optOut = optOut;
		this.codes = codes;
	}

	/** Chooses codes by e-mail or SMS and sends one (decision 065). */
	@PostMapping("/my/two-factor/code")
	String chooseCodes(Actor actor, @RequestParam(required = false) String channel, RedirectAttributes redirect) {
		try {
			codes.choose(actor, channel);
			redirect.addFlashAttribute("notice", "twoFactor.codeSent");
			redirect.addFlashAttribute("codeSent", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", "twoFactor.noChannel");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("problem", "twoFactor.alreadyOn");
		}
		return "redirect:/my/two-factor";
	}

	@PostMapping("/my/two-factor/code/confirm")
	String confirmCodes(Actor actor, @RequestParam(required = false) String code, RedirectAttributes redirect) {
		try {
			codes.confirm(actor, code);
			redirect.addFlashAttribute("notice", "twoFactor.codesOn");
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("problem", "twoFactor.wrongCode");
		}
		return "redirect:/my/two-factor";
	}

	@GetMapping("/my/two-factor")
	String page(Actor actor, Model model) {
		model.addAttribute("status", twoFactor.status(actor));
		model.addAttribute("menu", "profile");
		return "my/two-factor";
	}

	@PostMapping("/my/two-factor/totp")
	String enrol(Actor actor, Model model, RedirectAttributes redirect) {
		try {
			model.addAttribute("enrolment", twoFactor.enrol(actor));
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("problem", "twoFactor.alreadyOn");
			return "redirect:/my/two-factor";
		}
		return page(actor, model);
	}

	@PostMapping("/my/two-factor/totp/confirm")
	String confirm(Actor actor, @RequestParam(required = false) String code, RedirectAttributes redirect) {
		try {
			twoFactor.confirm(actor, code);
			redirect.addFlashAttribute("notice", "twoFactor.enabled");
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("problem", "twoFactor.wrongCode");
		}
		return "redirect:/my/two-factor";
	}

	@PostMapping("/my/two-factor/recovery-codes")
	String recoveryCodes(Actor actor, Model model, RedirectAttributes redirect) {
		try {
			model.addAttribute("recoveryCodes", twoFactor.renewRecoveryCodes(actor));
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("problem", "twoFactor.notOn");
			return "redirect:/my/two-factor";
		}
		return page(actor, model);
	}

	@PostMapping("/my/two-factor/forget-browsers")
	String forgetBrowsers(Actor actor, RedirectAttributes redirect) {
		twoFactor.forgetBrowsers(actor);
		redirect.addFlashAttribute("notice", "twoFactor.browsers.forgotten");
		return "redirect:/my/two-factor";
	}

	/**
	 * Turns the second factor off with the password and a code given again (decision
	 * 058).
	 */
	@PostMapping("/my/two-factor/off")
	String turnOff(Actor actor, @RequestParam(required = false) String password,
			@RequestParam(required = false) String code, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			String given = code == null ? "" : code.trim();
			SecondFactor factor = given.matches("\\d{6}") ? new SecondFactor(given, null)
					: new SecondFactor(null, given);
			optOut.turnOff(actor, password, factor, request.getRemoteAddr());
			redirect.addFlashAttribute("notice", "twoFactor.turnedOff");
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("problem", "twoFactor.turnOffRefused");
		}
		catch (AccessDeniedException ex) {
			redirect.addFlashAttribute("problem",
					actor.serviceDesk() ? "twoFactor.serviceDeskAlways" : "twoFactor.policyAlways");
		}
		return "redirect:/my/two-factor";
	}

}
