package org.studygate.directory.web;

import java.time.Clock;
import java.util.List;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.directory.AccountAdministration;
import org.studygate.directory.Actor;
import org.studygate.directory.NewUser;
import org.studygate.directory.Password;
import org.studygate.directory.UserId;
import org.studygate.directory.Users;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The service desk's user page: search, register, lock on purpose, unlock (decision 028).
 */
@Controller
class UserController {

	private static final int PAGE = 50;

	private final Users users;

	private final AccountAdministration accounts;

	private final Clock clock;

	UserController(Users users, AccountAdministration accounts, Clock clock) {
		this.users = users;
		this.accounts = accounts;
		this.clock = clock;
	}

	record UserForm(String username, String displayName, String password, String physicianNumber, String email,
			String mobile, String language) {

		static UserForm empty() {
			return new UserForm("", "", "", "", "", "", "en");
		}

		NewUser user() {
			return new NewUser(username, displayName, new Password(password),
					physicianNumber == null || physicianNumber.isBlank() ? List.of() : List.of(physicianNumber.strip()),
					email, mobile, language, false, false);
		}

		/** The form as shown again: the password is never sent back to the browser. */
		UserForm withoutPassword() {
			return new UserForm(username, displayName, "", physicianNumber, email, mobile, language);
		}

		@Override
		public String toString() {
			return "UserForm[" + username + ", ****]";
		}

	}

	@GetMapping("/admin/users")
	String users(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String after,
			Model model) {
		return page(actor, q, after, UserForm.empty(), null, model);
	}

	@PostMapping("/admin/users")
	String register(Actor actor, @ModelAttribute UserForm form, Model model, RedirectAttributes redirect) {
		try {
			var user = users.register(actor, form.user());
			redirect.addFlashAttribute("notice", "admin.user.created");
			redirect.addAttribute("q", user.username());
			return "redirect:/admin/users";
		}
		catch (InvalidInputException ex) {
			return page(actor, null, null, form.withoutPassword(), "admin.invalid." + ex.field(), model);
		}
		catch (ConflictException ex) {
			return page(actor, null, null, form.withoutPassword(), "admin.conflict.user", model);
		}
	}

	@PostMapping("/admin/users/{id}/unlock")
	String unlock(Actor actor, @PathVariable UserId id, RedirectAttributes redirect) {
		accounts.unlock(actor, id);
		redirect.addFlashAttribute("notice", "admin.user.unlocked");
		redirect.addAttribute("q", users.toAdminister(actor, id).username());
		return "redirect:/admin/users";
	}

	@PostMapping("/admin/users/{id}/lock")
	String lock(Actor actor, @PathVariable UserId id, @RequestParam(required = false) String reason,
			RedirectAttributes redirect) {
		try {
			accounts.lock(actor, id, reason);
			redirect.addFlashAttribute("notice", "admin.user.lockedNotice");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("problem", "admin.user.lockSelf");
		}
		redirect.addAttribute("q", users.toAdminister(actor, id).username());
		return "redirect:/admin/users";
	}

	private String page(Actor actor, String query, String after, UserForm form, String problem, Model model) {
		try {
			model.addAttribute("users", users.search(actor, query, after, PAGE));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("users", users.search(actor, query, null, PAGE));
		}
		model.addAttribute("q", query);
		model.addAttribute("now", clock.instant());
		model.addAttribute("form", form);
		model.addAttribute("languages", List.of("en", "nl", "fr", "de"));
		model.addAttribute("problem", problem);
		return "admin/users";
	}

}
