package org.studygate.explore.web;

import java.time.LocalDate;

import org.studygate.InvalidInputException;
import org.studygate.audit.LogFilter;
import org.studygate.directory.Actor;
import org.studygate.explore.AdministrationLog;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The administration log page ({@code /admin/log}): who changed which user, membership or
 * department setting, when, with the old and new values; for the service desk, and for
 * source admins limited to their departments.
 */
@Controller
class AdministrationLogController {

	private final AdministrationLog log;

	AdministrationLogController(AdministrationLog log) {
		this.log = log;
	}

	/** The filter form as the page sends it. */
	record Form(String action, String actor, String subject, String department,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String after) {

		static Form none() {
			return new Form(null, null, null, null, null, null, null);
		}

	}

	@GetMapping("/admin/log")
	String page(Actor actor, @ModelAttribute("form") Form form, BindingResult binding, Model model) {
		LogFilter filter;
		Form shown = form;
		try {
			if (binding.hasErrors()) {
				throw new InvalidInputException("from", "is not a date");
			}
			filter = new LogFilter(form.action(), form.actor(), null, null, form.from(), form.to());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("filterError", "log.filter.invalid");
			filter = LogFilter.none();
			shown = new Form(null, null, form.subject(), form.department(), null, null, null);
		}
		model.addAttribute("form", shown);
		model.addAttribute("page", log.entries(actor, filter, shown.department(), shown.subject(),
				shown == form ? form.after() : null, StudyLogController.PAGE_SIZE));
		model.addAttribute("departments", log.departmentsOf(actor));
		model.addAttribute("menu", actor.serviceDesk() ? "admin" : "adminlog");
		return "admin/log";
	}

}
