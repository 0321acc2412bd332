package org.studygate.archive.web;

import java.util.Arrays;
import java.util.List;

import org.studygate.InvalidInputException;
import org.studygate.department.ArchiveMatching;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The department settings page's archive form: the AE titles and institution names by
 * which studies arriving from the archive are matched to the department. Changes only
 * that part of the settings.
 */
@Controller
class ArchiveMatchingController {

	private final Departments departments;

	ArchiveMatchingController(Departments departments) {
		this.departments = departments;
	}

	/**
	 * AE titles separated by commas, spaces or lines; institution names by semicolons or
	 * lines.
	 */
	record MatchingForm(String aeTitles, String institutionNames) {

		ArchiveMatching matching() {
			List<String> titles = Arrays.stream((aeTitles == null ? "" : aeTitles).split("[,\\s]+"))
				.map(String::strip)
				.filter(s -> !s.isEmpty())
				.distinct()
				.toList();
			for (String title : titles) {
				if (title.length() > 16 || !title.matches("[\\x20-\\x7E&&[^\\\\]]+")) {
					throw new InvalidInputException("aeTitles", "must be AE titles of at most 16 characters");
				}
			}
			List<String> names = Arrays.stream((institutionNames == null ? "" : institutionNames).split("[;\\r\\n]+"))
				.map(String::strip)
				.filter(s -> !s.isEmpty())
				.distinct()
				.toList();
			for (String name : names) {
				if (name.length() > 64 || name.contains("\\")) {
					throw new InvalidInputException("institutionNames", "must be names of at most 64 characters");
				}
			}
			if (titles.size() > 50 || names.size() > 50) {
				throw new InvalidInputException("aeTitles", "at most 50 of each");
			}
			return new ArchiveMatching(titles, names);
		}

	}

	@PostMapping("/admin/departments/{code}/archive")
	String change(Actor actor, @PathVariable String code, @ModelAttribute MatchingForm form,
			RedirectAttributes redirect) {
		String department = departments.get(actor, code).code().value();
		try {
			ArchiveMatching matching = form.matching();
			departments.changeSettings(actor, code, settings -> settings.withArchive(matching));
			redirect.addFlashAttribute("notice", "archive.matching.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("archiveProblem", "archive.matching.invalid." + ex.field());
			redirect.addFlashAttribute("archiveForm", form);
		}
		return "redirect:/admin/departments/" + department;
	}

}
