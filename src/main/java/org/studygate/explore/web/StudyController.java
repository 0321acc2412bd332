package org.studygate.explore.web;

import org.studygate.archive.Archive;
import org.studygate.department.DepartmentId;
import org.studygate.department.Departments;
import org.studygate.access.Restrictions;
import org.studygate.directory.Actor;
import org.studygate.explore.Explore;
import org.studygate.study.Studies;
import org.studygate.ris.Reports;
import org.studygate.study.StudyId;
import org.studygate.study.UnknownValues;
import org.studygate.transfer.Forwards;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The study page, Study tab: metadata, patient, requester and order, and the study's
 * images.
 */
@Controller
class StudyController {

	private final Explore explore;

	private final Departments departments;

	private final Archive archive;

	private final Forwards forwards;

	private final Studies studies;

	private final Reports reports;

	private final Restrictions restrictions;

	StudyController(Explore explore, Departments departments, Archive archive, Forwards forwards, Studies studies,
			Reports reports, Restrictions restrictions) {
		this.restrictions = restrictions;
		this.explore = explore;
		this.reports = reports;
		this.departments = departments;
		this.archive = archive;
		this.forwards = forwards;
		this.studies = studies;
	}

	@GetMapping("/studies/{id}")
	String study(Actor actor, @PathVariable StudyId id, Model model) {
		Explore.StudyPage page = explore.openPage(actor, id);
		Explore.Opened opened = page.opened();
		model.addAttribute("study", opened.study());
		model.addAttribute("permittedBy", opened.permittedBy());
		model.addAttribute("department",
				departments.find(new DepartmentId(opened.study().departmentId())).orElse(null));
		model.addAttribute("requesterName", opened.requesterName());
		model.addAttribute("tabs", page.tabs());
		model.addAttribute("images", archive.images(actor, opened.study()));
		model.addAttribute("transfer", forwards.options(actor, opened.study()));
		UnknownValues unknown = studies.unknownValues(opened.study().id()).orElse(null);
		model.addAttribute("unknown", unknown);
		model.addAttribute("mayEnterBirthDate",
				unknown != null && unknown.birthDate() && actor.administers(opened.study().departmentId()));
		model.addAttribute("report", reports.onStudyPage(actor, opened.study()).orElse(null));
		if (page.tabs().access() && actor.administers(opened.study().departmentId())) {
			model.addAttribute("restriction", restrictions.find(actor, id).orElse(null));
			model.addAttribute("mayRestrict", true);
		}
		return "explore/study";
	}

}
