package org.studygate.access.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.access.GrantScope;
import org.studygate.access.ShareRequest;
import org.studygate.access.Sharing;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The share dialog, opened from the explore page (the selected studies) or from a study.
 * The recipient picker searches on the server ("Search" re-renders the dialog keeping
 * what was chosen), so it works without scripts.
 */
@Controller
class ShareController {

	private final Sharing sharing;

	ShareController(Sharing sharing) {
		this.sharing = sharing;
	}

	/**
	 * The dialog's fields; {@code recipients} are {@code TYPE:id} values of ticked boxes.
	 */
	record ShareForm(List<String> studyIds, List<String> recipients, String q, String scope, Boolean mayShare,
			String validUntil, String message, Boolean sendMail, Boolean mayDownload) {

		ShareForm {
			studyIds = studyIds == null ? List.of() : studyIds;
			recipients = recipients == null ? List.of() : recipients;
		}

		List<StudyId> studies() {
			return studyIds.stream()
				.map(id -> StudyId.parse(id).orElseThrow(() -> new InvalidInputException("studyIds", "unknown study")))
				.toList();
		}

	}

	@GetMapping("/share")
	String dialog(Actor actor, @ModelAttribute ShareForm form, Model model) {
		return page(actor, form, null, model);
	}

	@PostMapping("/share/search")
	String search(Actor actor, @ModelAttribute ShareForm form, Model model) {
		return page(actor, form, null, model);
	}

	@PostMapping("/share")
	String share(Actor actor, @ModelAttribute ShareForm form, Model model, RedirectAttributes redirect) {
		try {
			List<ShareRequest.Recipient> recipients = new ArrayList<>();
			for (String value : form.recipients()) {
				Candidate candidate = Candidate.parse(value);
				recipients.add(new ShareRequest.Recipient(candidate.type(), candidate.id()));
			}
			LocalDate until;
			try {
				until = form.validUntil() == null || form.validUntil().isBlank() ? null
						: LocalDate.parse(form.validUntil());
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException("validUntil", "must be a date");
			}
			sharing.share(actor,
					new ShareRequest(form.studies(), recipients, Fields.named(GrantScope.class, "scope", form.scope()),
							Boolean.TRUE.equals(form.mayShare()), until, form.message(),
							Boolean.TRUE.equals(form.sendMail()), Boolean.TRUE.equals(form.mayDownload())));
			redirect.addFlashAttribute("notice", "share.done");
			return form.studyIds().size() == 1 ? "redirect:/studies/" + form.studyIds().get(0) : "redirect:/explore";
		}
		catch (InvalidInputException ex) {
			return page(actor, form, "share.invalid." + ex.field(), model);
		}
	}

	/** A ticked or offered recipient. */
	record Candidate(ShareRequest.RecipientType type, UUID id, String name, String detail) {

		String value() {
			return type + ":" + id;
		}

		static Candidate parse(String value) {
			int colon = value == null ? -1 : value.indexOf(':');
			if (colon < 0) {
				throw new InvalidInputException("recipients", "unknown recipient");
			}
			return new Candidate(
					Fields.named(ShareRequest.RecipientType.class, "recipients", value.substring(0, colon)),
					Fields.uuid("recipients", value.substring(colon + 1)), null, null);
		}

	}

	private String page(Actor actor, ShareForm form, String problem, Model model) {
		Sharing.Draft draft = sharing.draft(actor, form.studies());
		Map<String, Sharing.Candidate> chosen = new LinkedHashMap<>();
		Map<String, Sharing.Candidate> offered = new LinkedHashMap<>();
		List<Sharing.Candidate> found = form.q() == null ? List.of() : sharing.candidates(actor, form.q(), 10);
		for (String value : form.recipients()) {
			Candidate c = Candidate.parse(value);
			chosen.put(c.value(), sharing.describe(c.type(), c.id()));
		}
		for (Sharing.Candidate c : found) {
			String value = c.type() + ":" + c.id();
			if (!chosen.containsKey(value)) {
				offered.put(value, c);
			}
		}
		model.addAttribute("draft", draft);
		model.addAttribute("form", form);
		model.addAttribute("chosen", chosen);
		model.addAttribute("offered", offered);
		model.addAttribute("problem", problem);
		model.addAttribute("scopes", GrantScope.values());
		model.addAttribute("validUntil", form.validUntil() == null || form.validUntil().isBlank()
				? draft.defaultValidUntil().toString() : form.validUntil());
		model.addAttribute("searched", form.q() != null && !form.q().isBlank());
		return "access/share";
	}

}
