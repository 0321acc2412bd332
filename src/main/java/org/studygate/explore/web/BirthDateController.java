package org.studygate.explore.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.study.Registrations;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The birth date a department's admin enters on the study page when the archive's header
 * had none (docs/guide/image-archive.md).
 */
@Controller
class BirthDateController {

	private final Registrations registrations;

	BirthDateController(Registrations registrations) {
		this.registrations = registrations;
	}

	@PostMapping("/studies/{id}/birth-date")
	String enter(Actor actor, @PathVariable StudyId id, @RequestParam(defaultValue = "") String birthDate) {
		LocalDate date;
		try {
			date = LocalDate.parse(birthDate.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("birthDate", "must be a date (YYYY-MM-DD)");
		}
		registrations.enterBirthDate(actor, id, date);
		return "redirect:/studies/" + id;
	}

}
