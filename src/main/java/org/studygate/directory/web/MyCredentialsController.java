package org.studygate.directory.web;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.directory.ApiTokens;
import org.studygate.directory.PasswordChange;
import org.studygate.directory.TokenId;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The profile page's own credentials (decision 029): revoke one of the user's API tokens,
 * change the password (which revokes them all). Both answer with the profile page and a
 * notice.
 */
@Controller
class MyCredentialsController {

	private final ApiTokens tokens;

	private final PasswordChange passwords;

	MyCredentialsController(ApiTokens tokens, PasswordChange passwords) {
		this.tokens = tokens;
		this.passwords = passwords;
	}

	@PostMapping("/my/tokens/{id}/revoke")
	String revoke(Actor actor, @PathVariable TokenId id, RedirectAttributes redirect) {
		tokens.revoke(actor, id);
		redirect.addFlashAttribute("notice", "profile.token.revoked");
		return "redirect:/my/profile";
	}

	@PostMapping("/my/password")
	String changePassword(Actor actor, @RequestParam(required = false) String currentPassword,
			@RequestParam(required = false) String newPassword, HttpServletRequest request,
			RedirectAttributes redirect) {
		try {
			passwords.change(actor, currentPassword, newPassword, request.getRemoteAddr(),
					request.getHeader("User-Agent"));
			redirect.addFlashAttribute("notice", "profile.password.changed");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", "profile.password.invalid." + ex.field());
		}
		return "redirect:/my/profile";
	}

}
