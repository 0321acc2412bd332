package org.studygate.directory.web;

import java.util.List;

import org.studygate.InvalidInputException;
import org.studygate.directory.AccountAdministration;
import org.studygate.directory.Actor;
import org.studygate.directory.ApiTokens;
import org.studygate.directory.ProfileChanges;
import org.studygate.directory.UserId;
import org.studygate.directory.UserView;
import org.studygate.directory.Users;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My profile" for every staff user, and the same form for the service desk on anyone's
 * profile. The own profile has no identifier in its address, so nobody can aim it at
 * another user; it also lists the user's active API tokens and offers the password change
 * ({@link MyCredentialsController}).
 */
@Controller
class ProfileController {

	static final List<String> LANGUAGES = List.of("en", "nl", "fr", "de");

	private final Users users;

	private final AccountAdministration accounts;

	private final ApiTokens tokens;

	ProfileController(Users users, AccountAdministration accounts, ApiTokens tokens) {
		this.users = users;
		this.accounts = accounts;
		this.tokens = tokens;
	}

	record ProfileForm(String displayName, String email, String mobile, String language, Boolean contactPublic) {

		static ProfileForm of(UserView user) {
			return new ProfileForm(user.displayName(), user.email(), user.mobile(), user.language(),
					user.contactPublic());
		}

		ProfileChanges changes() {
			return new ProfileChanges(displayName, email, mobile, language, Boolean.TRUE.equals(contactPublic));
		}

	}

	@GetMapping("/my/profile")
	String myProfile(Actor actor, Model model) {
		UserView user = users.profile(actor);
		model.addAttribute("tokens", tokens.tokensOf(actor, null));
		// a refused password change comes back as a flash attribute
		return page(user, ProfileForm.of(user), (String) model.getAttribute("problem"), "/my/profile", "profile",
				model);
	}

	@PostMapping("/my/profile")
	String changeMyProfile(Actor actor, @ModelAttribute ProfileForm form, Model model, RedirectAttributes redirect) {
		UserView user = users.profile(actor);
		try {
			UserView changed = users.changeProfile(actor, user.id(), form.changes());
			redirect.addFlashAttribute("notice", "profile.saved");
			redirect.addAttribute("lang", changed.language());
			return "redirect:/my/profile";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("tokens", tokens.tokensOf(actor, null));
			return page(user, form, "admin.invalid." + ex.field(), "/my/profile", "profile", model);
		}
	}

	@GetMapping("/admin/users/{id}")
	String userProfile(Actor actor, @PathVariable UserId id, Model model) {
		UserView user = users.toAdminister(actor, id);
		return page(user, ProfileForm.of(user), null, "/admin/users/" + user.id(), "admin", model);
	}

	@PostMapping("/admin/users/{id}")
	String changeUserProfile(Actor actor, @PathVariable UserId id, @ModelAttribute ProfileForm form, Model model,
			RedirectAttributes redirect) {
		UserView user = users.toAdminister(actor, id);
		try {
			accounts.changeProfile(actor, user.id(), form.changes());
			redirect.addFlashAttribute("notice", "profile.saved");
			return "redirect:/admin/users/" + user.id();
		}
		catch (InvalidInputException ex) {
			return page(user, form, "admin.invalid." + ex.field(), "/admin/users/" + user.id(), "admin", model);
		}
	}

	private String page(UserView user, ProfileForm form, String problem, String action, String menu, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("form", form);
		model.addAttribute("problem", problem);
		model.addAttribute("action", action);
		model.addAttribute("menu", menu);
		model.addAttribute("languages", LANGUAGES);
		return "my/profile";
	}

}
