package org.studygate.ris.web;

import java.util.Arrays;
import java.util.List;

import org.studygate.InvalidInputException;
import org.studygate.department.Departments;
import org.studygate.department.ReportRelease;
import org.studygate.department.RisSettings;
import org.studygate.directory.Actor;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The RIS form of the department settings page (docs/guide/ris-interface.md): when a
 * final report becomes available to the patient, the other sending facilities (MSH-4)
 * that stand for the department, and the payment field. The service desk alone changes
 * it, as every department setting; a rejected form changes nothing.
 */
@Controller
class RisSettingsController {

	private final Departments departments;

	RisSettingsController(Departments departments) {
		this.departments = departments;
	}

	/** The form as posted. */
	record RisForm(String releaseRule, String releaseAfterHours, String sendingFacilities, String paymentField) {

		/** The facilities, one a line or separated by commas or semicolons. */
		RisSettings feed() {
			List<String> facilities = sendingFacilities == null ? List.of()
					: Arrays.stream(sendingFacilities.split("[,;\\r\\n]+"))
						.map(String::strip)
						.filter(f -> !f.isEmpty())
						.toList();
			return new RisSettings(facilities, paymentField);
		}

		ReportRelease release() {
			ReportRelease.Rule rule;
			try {
				rule = releaseRule == null || releaseRule.isBlank() ? null : ReportRelease.Rule.valueOf(releaseRule);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("rule", "must be IMMEDIATELY, AFTER_HOURS or AFTER_PHYSICIAN_RELEASE");
			}
			Integer hours = null;
			if (rule == ReportRelease.Rule.AFTER_HOURS) {
				try {
					hours = Integer.valueOf(releaseAfterHours == null ? "" : releaseAfterHours.strip());
				}
				catch (NumberFormatException ex) {
					throw new InvalidInputException("afterHours", "must be a number of hours");
				}
			}
			return new ReportRelease(rule, hours);
		}

	}

	@PostMapping("/admin/departments/{code}/ris")
	String change(Actor actor, @PathVariable String code, @ModelAttribute RisForm form, RedirectAttributes redirect) {
		String department = departments.get(actor, code).code().value();
		try {
			ReportRelease release = form.release();
			RisSettings feed = form.feed();
			departments.changeSettings(actor, code,
					settings -> settings.withReportRelease(release).withRisSettings(feed));
			redirect.addFlashAttribute("notice", "ris.settings.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("risProblem", "ris.settings.invalid." + ex.field());
			redirect.addFlashAttribute("risForm", form);
		}
		return "redirect:/admin/departments/" + department;
	}

}
