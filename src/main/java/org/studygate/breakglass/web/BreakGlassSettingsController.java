package org.studygate.breakglass.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.studygate.InvalidInputException;
import org.studygate.department.BreakGlassPolicy;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The break-the-glass part of a department's settings page (service desk): changes only
 * the policy, keeping the department's other settings.
 */
@Controller
class BreakGlassSettingsController {

	private final Departments departments;

	BreakGlassSettingsController(Departments departments) {
		this.departments = departments;
	}

	record PolicyForm(Boolean enabled, String durationHours, String minimumReasonLength, List<String> allowedUsers) {

		BreakGlassPolicy policy() {
			Set<BreakGlassPolicy.Unlocker> kinds = EnumSet.noneOf(BreakGlassPolicy.Unlocker.class);
			for (String kind : allowedUsers == null ? List.<String>of() : allowedUsers) {
				try {
					kinds.add(BreakGlassPolicy.Unlocker.valueOf(kind));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputException("breakGlass.allowedUsers", "unknown kind of user");
				}
			}
			if (kinds.isEmpty()) {
				throw new InvalidInputException("breakGlass.allowedUsers", "at least one kind of user is required");
			}
			return new BreakGlassPolicy(Boolean.TRUE.equals(enabled), number("breakGlass.durationHours", durationHours),
					number("breakGlass.minimumReasonLength", minimumReasonLength), kinds);
		}

		private static Integer number(String field, String value) {
			try {
				return Integer.valueOf(value == null ? "" : value.strip());
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputException(field, "must be a number");
			}
		}

	}

	@PostMapping("/admin/departments/{code}/break-glass")
	String save(Actor actor, @PathVariable String code, @ModelAttribute PolicyForm form, RedirectAttributes redirect) {
		Department department = departments.get(actor, code);
		try {
			BreakGlassPolicy policy = form.policy();
			departments.changeSettings(actor, code, settings -> settings.withBreakGlass(policy));
			redirect.addFlashAttribute("notice", "breakglass.settings.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("breakGlassProblem", "breakglass.invalid." + ex.field());
		}
		return "redirect:/admin/departments/" + department.code().value();
	}

}
