package org.studygate.archive.web;

import org.studygate.archive.UnmatchedStudies;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The unmatched-studies desk (docs/guide/image-archive.md): the studies of the archive
 * that are not registered; the service desk assigns them to a department.
 */
@Controller
class UnmatchedStudiesController {

	private final UnmatchedStudies unmatched;

	private final Departments departments;

	UnmatchedStudiesController(UnmatchedStudies unmatched, Departments departments) {
		this.unmatched = unmatched;
		this.departments = departments;
	}

	/** The assignment of one study; the check boxes add to the department's matching. */
	record AssignForm(String studyInstanceUid, String department, Boolean addAeTitle, Boolean addInstitution) {

	}

	@GetMapping("/admin/unmatched")
	String list(Actor actor, Model model) {
		model.addAttribute("rows", unmatched.list(actor));
		model.addAttribute("total", unmatched.count());
		model.addAttribute("mayAssign", actor.serviceDesk());
		model.addAttribute("departments", actor.serviceDesk() ? departments.list(actor) : java.util.List.of());
		return "archive/unmatched";
	}

	@PostMapping("/admin/unmatched/assign")
	String assign(Actor actor, @ModelAttribute AssignForm form, RedirectAttributes redirect) {
		StudyId id = unmatched.assign(actor, form.studyInstanceUid() == null ? "" : form.studyInstanceUid().strip(),
				form.department() == null ? "" : form.department().strip(), Boolean.TRUE.equals(form.addAeTitle()),
				Boolean.TRUE.equals(form.addInstitution()));
		redirect.addFlashAttribute("notice", "archive.unmatched.assigned");
		redirect.addFlashAttribute("assignedStudy", id.toString());
		return "redirect:/admin/unmatched";
	}

}
