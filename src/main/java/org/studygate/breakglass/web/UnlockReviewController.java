package org.studygate.breakglass.web;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.breakglass.BreakGlass;
import org.studygate.breakglass.PurposeOfUse;
import org.studygate.breakglass.Unlock;
import org.studygate.breakglass.UnlockId;
import org.studygate.directory.Actor;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Unlocks to review" for source admins (and the service desk), and the review and
 * revocation forms that this list and the Access tab's Unlocked section post to. Each
 * decides through the module API, which refuses unlocks of departments the actor does not
 * administer.
 */
@Controller
class UnlockReviewController {

	private final BreakGlass breakGlass;

	UnlockReviewController(BreakGlass breakGlass) {
		this.breakGlass = breakGlass;
	}

	@GetMapping("/break-glass/reviews")
	String reviews(Actor actor, @RequestParam(defaultValue = "false") boolean all, Model model) {
		model.addAttribute("items", breakGlass.toReview(actor, !all));
		model.addAttribute("all", all);
		model.addAttribute("purposes", PurposeOfUse.values());
		return "breakglass/reviews";
	}

	@PostMapping("/break-glass/unlocks/{id}/review")
	String review(Actor actor, @PathVariable UnlockId id, @RequestParam(required = false) String verdict,
			@RequestParam(required = false) String comment, @RequestParam(required = false) String back,
			RedirectAttributes redirect) {
		try {
			Unlock unlock = breakGlass.review(actor, id, verdict, comment);
			redirect.addFlashAttribute("notice", "breakglass.review.saved");
			return back(back, unlock);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", "breakglass.invalid." + ex.field());
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("problem", "breakglass.conflict.reviewed");
		}
		return "redirect:/break-glass/reviews";
	}

	@PostMapping("/break-glass/unlocks/{id}/revoke")
	String revoke(Actor actor, @PathVariable UnlockId id, @RequestParam(required = false) String comment,
			@RequestParam(required = false) String back, RedirectAttributes redirect) {
		try {
			Unlock unlock = breakGlass.revoke(actor, id, comment);
			redirect.addFlashAttribute("notice", "breakglass.revoke.done");
			return back(back, unlock);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", "breakglass.invalid." + ex.field());
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("problem", "breakglass.conflict.ended");
		}
		return "redirect:/break-glass/reviews";
	}

	/**
	 * Back to the study's Access tab when the form came from there, else to the list;
	 * never elsewhere.
	 */
	private static String back(String back, Unlock unlock) {
		return "access".equals(back) ? "redirect:/studies/" + unlock.studyId() + "/access"
				: "redirect:/break-glass/reviews";
	}

}
