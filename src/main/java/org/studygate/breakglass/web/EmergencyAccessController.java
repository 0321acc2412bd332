package org.studygate.breakglass.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.breakglass.BreakGlass;
import org.studygate.breakglass.Candidate;
import org.studygate.breakglass.PurposeOfUse;
import org.studygate.breakglass.SearchThrottledException;
import org.studygate.breakglass.Unlock;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Emergency access" pages: the patient's exact ID and birth date, then for a study
 * that may be unlocked the terms, the purpose, the reason and the confirmation of the
 * patient. The search answer is the same neutral sentence for every patient that gives
 * nothing to unlock. An unlock lands on the study it opened.
 */
@Controller
class EmergencyAccessController {

	private final BreakGlass breakGlass;

	EmergencyAccessController(BreakGlass breakGlass) {
		this.breakGlass = breakGlass;
	}

	record SearchForm(String patientId, String birthDate) {

		static SearchForm empty() {
			return new SearchForm("", "");
		}

	}

	record UnlockForm(String purpose, String reason, Boolean termsAccepted, Boolean patientConfirmed) {

		static UnlockForm empty() {
			return new UnlockForm(PurposeOfUse.ETREAT.name(), "", false, false);
		}

	}

	@GetMapping("/break-glass")
	String start(Model model) {
		model.addAttribute("form", SearchForm.empty());
		return "breakglass/search";
	}

	@PostMapping("/break-glass/search")
	String search(Actor actor, @ModelAttribute("form") SearchForm form, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		LocalDate birthDate;
		try {
			birthDate = form.birthDate() == null || form.birthDate().isBlank() ? null
					: LocalDate.parse(form.birthDate().strip());
		}
		catch (DateTimeParseException ex) {
			model.addAttribute("problem", "breakglass.invalid.birthDate");
			return "breakglass/search";
		}
		try {
			List<Candidate> candidates = breakGlass.search(actor, form.patientId(), birthDate, request.getRemoteAddr());
			model.addAttribute("candidates", candidates);
			model.addAttribute("searched", true);
		}
		catch (SearchThrottledException ex) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			model.addAttribute("problem", "breakglass.throttled");
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", "breakglass.invalid." + ex.field());
		}
		return "breakglass/search";
	}

	@GetMapping("/break-glass/studies/{id}")
	String offer(Actor actor, @PathVariable("id") StudyId study, Model model) {
		return unlockPage(breakGlass.offer(actor, study), UnlockForm.empty(), null, model);
	}

	@PostMapping("/break-glass/studies/{id}/unlock")
	String unlock(Actor actor, @PathVariable("id") StudyId study, @ModelAttribute UnlockForm form, Model model,
			RedirectAttributes redirect) {
		Candidate candidate = breakGlass.offer(actor, study);
		if (!Boolean.TRUE.equals(form.termsAccepted())) {
			return unlockPage(candidate, form, "breakglass.invalid.terms", model);
		}
		if (!Boolean.TRUE.equals(form.patientConfirmed())) {
			return unlockPage(candidate, form, "breakglass.invalid.patient", model);
		}
		try {
			Unlock unlock = breakGlass.unlock(actor, study, form.purpose(), form.reason());
			redirect.addFlashAttribute("notice", "breakglass.unlocked");
			// the study just unlocked, by its id as stored: never a target the request
			// names
			return "redirect:/studies/" + unlock.studyId();
		}
		catch (InvalidInputException ex) {
			return unlockPage(candidate, form, "breakglass.invalid." + ex.field(), model);
		}
		catch (ConflictException ex) {
			return unlockPage(candidate, form, "breakglass.conflict.unlocked", model);
		}
	}

	private String unlockPage(Candidate candidate, UnlockForm form, String problem, Model model) {
		model.addAttribute("candidate", candidate);
		model.addAttribute("form", form);
		model.addAttribute("purposes", PurposeOfUse.values());
		model.addAttribute("problem", problem);
		return "breakglass/unlock";
	}

}
