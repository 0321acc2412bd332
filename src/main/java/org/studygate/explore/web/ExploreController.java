package org.studygate.explore.web;

import org.studygate.archive.Archive;

import java.time.LocalDate;

import org.studygate.InvalidInputException;
import org.studygate.breakglass.BreakGlass;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.explore.Explore;
import org.studygate.study.StudyFilter;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The explore page: the studies the user may list, newest first, with filters. */
@Controller
class ExploreController {

	private final Explore explore;

	private final Departments departments;

	private final BreakGlass breakGlass;

	private final Archive archive;

	private final org.studygate.access.Restrictions restrictions;

	ExploreController(Explore explore, Departments departments, BreakGlass breakGlass, Archive archive,
			org.studygate.access.Restrictions restrictions) {
		this.restrictions = restrictions;
		this.archive = archive;
		this.explore = explore;
		this.departments = departments;
		this.breakGlass = breakGlass;
	}

	/** The filter form as the page sends it. */
	record ExploreForm(String patient, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String modality, String department,
			String accession, String after) {

	}

	/**
	 * The explore page looks for new studies every 5 minutes and offers to show them
	 * (docs/product/05-workflows.md); it never reloads itself (decision 063).
	 */
	static final int REFRESH_SECONDS = 300;

	@GetMapping("/explore")
	String explore(Actor actor, @ModelAttribute("form") ExploreForm form, BindingResult binding, Model model) {
		model.addAttribute("departments", departments.all());
		model.addAttribute("pollSeconds", REFRESH_SECONDS);
		if (binding.hasErrors()) {
			model.addAttribute("filterError", "explore.filter.invalidDate");
			model.addAttribute("page", new Explore.Page(java.util.List.of(), false, null));
			return "explore/list";
		}
		try {
			StudyFilter filter = new StudyFilter(form.patient(), form.from(), form.to(), form.modality(),
					form.department(), form.accession());
			Explore.Page page = explore.list(actor, filter, form.after(), 100, "EXPLORE");
			model.addAttribute("page", page);
			// studies open through an unlock are marked "unlocked until …" (department
			// time zone)
			model.addAttribute("unlockedUntil",
					breakGlass.unlockedUntil(actor, page.items().stream().map(s -> s.id()).toList()));
			// "Open in viewer" per study; the gateway decides each of the viewer's
			// requests
			java.util.Map<Object, String> viewerLinks = new java.util.HashMap<>();
			page.items().forEach(s -> viewerLinks.put(s.id(), archive.viewerLink(s.studyInstanceUid())));
			model.addAttribute("viewerLinks", viewerLinks);
			// restricted studies are shown locked (decision 060)
			model.addAttribute("restricted",
					restrictions.restrictedAmong(page.items().stream().map(s -> s.id().value()).toList()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("filterError", "explore.filter.invalid");
			model.addAttribute("page", new Explore.Page(java.util.List.of(), false, null));
		}
		return "explore/list";
	}

}
