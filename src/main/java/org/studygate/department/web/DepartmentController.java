package org.studygate.department.web;

import java.util.ArrayList;
import java.util.List;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.department.Department;
import org.studygate.department.DepartmentSettings;
import org.studygate.department.Departments;
import org.studygate.department.NewDepartment;
import org.studygate.department.SourceRole;
import org.studygate.department.SourceStaff;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.directory.UserView;
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
 * The service desk's department pages: the list with a form to register one, and each
 * department's settings and staff. A rejected form comes back with its message and
 * changes nothing.
 */
@Controller
class DepartmentController {

	private final Departments departments;

	private final SourceStaff staff;

	private final Users users;

	DepartmentController(Departments departments, SourceStaff staff, Users users) {
		this.departments = departments;
		this.staff = staff;
		this.users = users;
	}

	record DepartmentForm(String code, String name, String timeZone) {

		static DepartmentForm empty() {
			return new DepartmentForm("", "", "Europe/Brussels");
		}

	}

	record SettingsForm(List<String> languages, String shareValidityDefaultDays, String shareValidityMaximumDays,
			Boolean twoFactorRequired) {

		static SettingsForm of(DepartmentSettings settings) {
			return new SettingsForm(settings.languages(), String.valueOf(settings.shareValidityDefaultDays()),
					String.valueOf(settings.shareValidityMaximumDays()), settings.twoFactorRequired());
		}

		DepartmentSettings applyTo(DepartmentSettings current) {
			if (languages == null || languages.isEmpty()) {
				throw new InvalidInputException("languages", "at least one is required");
			}
			return current
				.withGeneral(languages, days("shareValidityDefaultDays", shareValidityDefaultDays),
						days("shareValidityMaximumDays", shareValidityMaximumDays))
				.withTwoFactorRequired(Boolean.TRUE.equals(twoFactorRequired));
		}

		private static Integer days(String field, String value) {
			try {
				return Integer.valueOf(value == null ? "" : value.strip());
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputException(field, "must be a number of days");
			}
		}

	}

	record StaffForm(String username, String role) {

		static StaffForm empty() {
			return new StaffForm("", SourceRole.SOURCE_USER.name());
		}

	}

	@GetMapping("/admin/departments")
	String list(Actor actor, Model model) {
		return listPage(actor, DepartmentForm.empty(), null, model);
	}

	@PostMapping("/admin/departments")
	String register(Actor actor, @ModelAttribute DepartmentForm form, Model model, RedirectAttributes redirect) {
		try {
			Department department = departments.register(actor,
					NewDepartment.of(form.code(), form.name(), form.timeZone()));
			redirect.addFlashAttribute("notice", "admin.department.created");
			return "redirect:/admin/departments/" + department.code();
		}
		catch (InvalidInputException ex) {
			return listPage(actor, form, "admin.invalid." + ex.field(), model);
		}
		catch (ConflictException ex) {
			return listPage(actor, form, "admin.conflict.department", model);
		}
	}

	private String listPage(Actor actor, DepartmentForm form, String problem, Model model) {
		model.addAttribute("departments", departments.list(actor));
		model.addAttribute("form", form);
		model.addAttribute("problem", problem);
		return "admin/departments";
	}

	@GetMapping("/admin/departments/{code}")
	String department(Actor actor, @PathVariable String code, Model model) {
		Department department = departments.get(actor, code);
		return detailsPage(actor, department, SettingsForm.of(department.settings()), StaffForm.empty(), null, model);
	}

	record RenameForm(String name, String timeZone) {

	}

	@PostMapping("/admin/departments/{code}/details")
	String rename(Actor actor, @PathVariable String code, @ModelAttribute RenameForm form, Model model,
			RedirectAttributes redirect) {
		Department department = departments.get(actor, code);
		try {
			departments.rename(actor, code, form.name(), form.timeZone());
			redirect.addFlashAttribute("notice", "admin.department.renamed");
			return "redirect:/admin/departments/" + department.code();
		}
		catch (InvalidInputException ex) {
			return detailsPage(actor, department, SettingsForm.of(department.settings()), StaffForm.empty(),
					"admin.invalid." + ex.field(), model);
		}
	}

	@PostMapping("/admin/departments/{code}/settings")
	String settings(Actor actor, @PathVariable String code, @ModelAttribute SettingsForm form, Model model,
			RedirectAttributes redirect) {
		Department department = departments.get(actor, code);
		try {
			departments.changeSettings(actor, code, form::applyTo);
			redirect.addFlashAttribute("notice", "admin.department.settingsSaved");
			return "redirect:/admin/departments/" + department.code();
		}
		catch (InvalidInputException ex) {
			return detailsPage(actor, department, form, StaffForm.empty(), "admin.invalid." + ex.field(), model);
		}
	}

	@PostMapping("/admin/departments/{code}/members")
	String addStaff(Actor actor, @PathVariable String code, @ModelAttribute StaffForm form, Model model,
			RedirectAttributes redirect) {
		Department department = departments.get(actor, code);
		try {
			UserView user = users.findByUsername(form.username())
				.orElseThrow(() -> new InvalidInputException("member", "no user has this username"));
			staff.addStaff(actor, code, user.id(), SourceRole.parse("role", form.role()));
			redirect.addFlashAttribute("notice", "admin.staff.added");
			return "redirect:/admin/departments/" + department.code();
		}
		catch (InvalidInputException ex) {
			return detailsPage(actor, department, SettingsForm.of(department.settings()), form,
					"admin.invalid." + ex.field(), model);
		}
		catch (ConflictException ex) {
			return detailsPage(actor, department, SettingsForm.of(department.settings()), form, "admin.conflict.staff",
					model);
		}
	}

	@PostMapping("/admin/departments/{code}/members/remove")
	String removeStaff(Actor actor, @PathVariable String code, @RequestParam(required = false) UserId userId,
			@RequestParam(required = false) String role, RedirectAttributes redirect) {
		Department department = departments.get(actor, code);
		if (userId != null) {
			staff.removeStaff(actor, code, userId, SourceRole.parse("role", role));
		}
		redirect.addFlashAttribute("notice", "admin.staff.removed");
		return "redirect:/admin/departments/" + department.code();
	}

	private String detailsPage(Actor actor, Department department, SettingsForm settings, StaffForm staffForm,
			String problem, Model model) {
		model.addAttribute("department", department);
		model.addAttribute("staff", staff.staff(actor, department.code().value()));
		model.addAttribute("settings", settings);
		model.addAttribute("staffForm", staffForm);
		model.addAttribute("languages", new ArrayList<>(List.of("en", "nl", "fr", "de")));
		model.addAttribute("roles", SourceRole.values());
		model.addAttribute("problem", problem);
		return "admin/department";
	}

}
