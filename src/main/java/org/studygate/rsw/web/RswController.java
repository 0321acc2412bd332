package org.studygate.rsw.web;

import java.util.List;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.RswPublishing;
import org.studygate.directory.Actor;
import org.studygate.rsw.RegionalPublisher;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of the regional health network: "Send" from the Access tab after a
 * confirmation, the department's queue (failures first), and the RSW form of the
 * department settings page.
 */
@Controller
class RswController {

	private final RegionalPublisher publisher;

	private final Departments departments;

	RswController(RegionalPublisher publisher, Departments departments) {
		this.publisher = publisher;
		this.departments = departments;
	}

	@GetMapping("/studies/{id}/rsw/send")
	String confirmSend(Actor actor, @PathVariable StudyId id, Model model) {
		model.addAttribute("status", publisher.status(actor, id));
		model.addAttribute("studyId", id);
		return "rsw/confirm";
	}

	@PostMapping("/studies/{id}/rsw/send")
	String send(Actor actor, @PathVariable StudyId id, RedirectAttributes redirect) {
		publisher.send(actor, id);
		redirect.addFlashAttribute("notice", "rsw.queued");
		return "redirect:/studies/" + id + "/access";
	}

	/** The departments whose queue the actor may see. */
	@GetMapping("/rsw")
	String departments(Actor actor, Model model) {
		List<Department> visible = departments.all().stream().filter(d -> actor.administers(d.id().value())).toList();
		if (visible.isEmpty()) {
			throw new NotFoundException("department");
		}
		if (visible.size() == 1) {
			return "redirect:/rsw/" + visible.get(0).code().value();
		}
		model.addAttribute("departments", visible);
		return "rsw/departments";
	}

	@GetMapping("/rsw/{code}")
	String queue(Actor actor, @PathVariable String code, Model model) {
		Department department = publisher.departmentFor(actor, code);
		model.addAttribute("department", department);
		model.addAttribute("zone", department.timeZone());
		model.addAttribute("lines", publisher.queue(actor, code));
		return "rsw/queue";
	}

	/** The RSW form of the department settings page. */
	record PublishingForm(Boolean enabled, String endpointUrl, String authentication, String tokenName) {

		RswPublishing publishing() {
			RswPublishing.Authentication kind;
			try {
				kind = authentication == null || authentication.isBlank() ? null
						: RswPublishing.Authentication.valueOf(authentication);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("authentication", "must be NONE, BEARER or MUTUAL_TLS");
			}
			return new RswPublishing(enabled, endpointUrl, kind, tokenName);
		}

	}

	@PostMapping("/admin/departments/{code}/rsw")
	String change(Actor actor, @PathVariable String code, @ModelAttribute PublishingForm form,
			RedirectAttributes redirect) {
		String department = departments.get(actor, code).code().value();
		try {
			publisher.changeSettings(actor, code, form.publishing());
			redirect.addFlashAttribute("notice", "rsw.settings.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("rswProblem", "rsw.settings.invalid." + ex.field());
			redirect.addFlashAttribute("rswForm", form);
		}
		return "redirect:/admin/departments/" + department;
	}

}
