package org.studygate.refcode.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.InvalidInputException;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.directory.Actor;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.PatientLogin;
import org.studygate.refcode.ReferenceNumberId;
import org.studygate.refcode.ReferenceNumbers;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The actions of the Reference numbers section (reveal, reveal the pincode, withdraw and
 * after a confirmation page, unblock, mark the payment received), the department's
 * reference-number policy form, and claiming a study with its code. Each action decides
 * through the module's API.
 */
@Controller
class ReferenceNumberController {

	private final ReferenceNumbers referenceNumbers;

	private final PatientLogin login;

	ReferenceNumberController(ReferenceNumbers referenceNumbers, PatientLogin login) {
		this.referenceNumbers = referenceNumbers;
		this.login = login;
	}

	@PostMapping("/studies/{id}/reference-numbers/{rid}/reveal")
	String reveal(Actor actor, @PathVariable StudyId id, @PathVariable ReferenceNumberId rid, Model model) {
		model.addAttribute("studyId", id);
		model.addAttribute("codes", List.of(referenceNumbers.reveal(actor, id, rid)));
		model.addAttribute("heading", "refcode.revealed");
		return "refcode/codes";
	}

	@PostMapping("/studies/{id}/reference-numbers/{rid}/pincode")
	String revealPincode(Actor actor, @PathVariable StudyId id, @PathVariable ReferenceNumberId rid, Model model) {
		model.addAttribute("studyId", id);
		model.addAttribute("codes",
				List.of(new IssuedCode(rid.value(), referenceNumbers.revealPincode(actor, id, rid))));
		model.addAttribute("heading", "refcode.pincodeRevealed");
		return "refcode/codes";
	}

	@GetMapping("/studies/{id}/reference-numbers/{rid}/withdraw")
	String confirmWithdraw(Actor actor, @PathVariable StudyId id, @PathVariable ReferenceNumberId rid, Model model) {
		referenceNumbers.lines(actor, id);
		model.addAttribute("studyId", id);
		model.addAttribute("action", "/studies/" + id + "/reference-numbers/" + rid + "/withdraw");
		model.addAttribute("question", "refcode.withdraw.confirm");
		return "refcode/confirm";
	}

	@PostMapping("/studies/{id}/reference-numbers/{rid}/withdraw")
	String withdraw(Actor actor, @PathVariable StudyId id, @PathVariable ReferenceNumberId rid,
			RedirectAttributes redirect) {
		referenceNumbers.withdraw(actor, id, rid);
		redirect.addFlashAttribute("notice", "refcode.withdrawn");
		return "redirect:/studies/" + id + "/access";
	}

	@PostMapping("/studies/{id}/reference-numbers/{rid}/unblock")
	String unblock(Actor actor, @PathVariable StudyId id, @PathVariable ReferenceNumberId rid,
			RedirectAttributes redirect) {
		referenceNumbers.unblock(actor, id, rid);
		redirect.addFlashAttribute("notice", "refcode.unblocked");
		return "redirect:/studies/" + id + "/access";
	}

	@PostMapping("/studies/{id}/payment-received")
	String paymentReceived(Actor actor, @PathVariable StudyId id, RedirectAttributes redirect) {
		referenceNumbers.markPaymentReceived(actor, id);
		redirect.addFlashAttribute("notice", "refcode.paymentReceived");
		return "redirect:/studies/" + id + "/access";
	}

	/**
	 * The department's reference-number policy, from its own form on the department page.
	 */
	@PostMapping("/admin/departments/{code}/reference-numbers")
	String policy(Actor actor, @PathVariable String code, @RequestParam(required = false) String alphabet,
			@RequestParam(required = false) String length, @RequestParam(required = false) String minimumEntropyBits,
			@RequestParam(required = false) String verification, @RequestParam(required = false) String patientScope,
			@RequestParam(required = false) String validityDefaultDays,
			@RequestParam(required = false) String validityMaximumDays,
			@RequestParam(required = false) String generateOnArrival, RedirectAttributes redirect) {
		try {
			referenceNumbers.changePolicy(actor, code,
					new ReferenceNumberPolicy(alphabet, number("length", length),
							number("minimumEntropyBits", minimumEntropyBits),
							named(ReferenceNumberPolicy.Verification.class, "verification", verification),
							named(ReferenceNumberPolicy.PatientScope.class, "patientScope", patientScope),
							number("validityDefaultDays", validityDefaultDays),
							number("validityMaximumDays", validityMaximumDays),
							named(ReferenceNumberPolicy.Generation.class, "generateOnArrival", generateOnArrival)));
			redirect.addFlashAttribute("refcodeNotice", "refcode.policy.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("refcodeProblem", "referenceNumbers.verification".equals(ex.field())
					? "refcode.policy.noPaymentProvider" : "refcode.policy.invalid");
		}
		return "redirect:/admin/departments/" + code;
	}

	@GetMapping("/claim")
	String claimPage(Model model) {
		return "refcode/claim";
	}

	@PostMapping("/claim")
	String claim(Actor actor, @RequestParam(required = false) String referenceNumber,
			@RequestParam(required = false) String birthDate, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		List<StudyId> claimed = login.claim(actor, referenceNumber, PatientSessions.date(birthDate),
				request.getRemoteAddr());
		if (claimed.isEmpty()) {
			model.addAttribute("problem", "refcode.claim.failed");
			return "refcode/claim";
		}
		redirect.addFlashAttribute("notice", "refcode.claim.done");
		return "redirect:/studies/" + claimed.get(0);
	}

	private static Integer number(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "must be a whole number");
		}
	}

	private static <E extends Enum<E>> E named(Class<E> type, String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "is not one of the choices");
		}
	}

}
