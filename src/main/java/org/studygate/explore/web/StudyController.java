package org.studygate.explore.web;

import org.studygate.NotFoundException;
import org.studygate.archive.Archive;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.explore.Explore;
import org.studygate.study.StudyId;
import org.studygate.transfer.Transfers;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The study page, Study tab: metadata, patient, requester and order, and the study's images. */
@Controller
class StudyController {

	private final Explore explore;

	private final Departments departments;

	private final Archive archive;

	private final Transfers transfers;

	StudyController(Explore explore, Departments departments, Archive archive, Transfers transfers) {
		this.explore = explore;
		this.departments = departments;
		this.archive = archive;
		this.transfers = transfers;
	}

	@GetMapping("/studies/{id}")
	String study(Actor actor, @PathVariable String id, Model model) {
		StudyId studyId = StudyId.parse(id).orElseThrow(() -> new NotFoundException("study"));
		Explore.StudyPage page = explore.openPage(actor, studyId);
		Explore.Opened opened = page.opened();
		model.addAttribute("study", opened.study());
		model.addAttribute("permittedBy", opened.permittedBy());
		model.addAttribute("department", departments.find(opened.study().departmentId()).orElse(null));
		model.addAttribute("requesterName", opened.requesterName());
		model.addAttribute("tabs", page.tabs());
		model.addAttribute("images", archive.images(actor, opened.study()));
		model.addAttribute("transfer", transfers.options(actor, opened.study()));
		return "explore/study";
	}


}
