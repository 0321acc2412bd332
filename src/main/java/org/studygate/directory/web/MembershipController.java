package org.studygate.directory.web;

import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.Groups;
import org.studygate.directory.Memberships;
import org.studygate.directory.PracticeSharing;
import org.studygate.directory.Reconfirmations;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My memberships": the invitations a user accepts or declines, and the practices and
 * medical departments he belongs to and may leave. An invitation that is gone or expired
 * by the time he answers is told as such, not as an error page.
 */
@Controller
class MembershipController {

	private final Memberships memberships;

	private final Groups groups;

	private final PracticeSharing practiceSharing;

	private final Reconfirmations reconfirmations;

	MembershipController(Memberships memberships, Groups groups, PracticeSharing practiceSharing,
			Reconfirmations reconfirmations) {
		this.reconfirmations = reconfirmations;
		this.practiceSharing = practiceSharing;
		this.memberships = memberships;
		this.groups = groups;
	}

	@GetMapping("/my/memberships")
	String page(Actor actor, Model model) {
		model.addAttribute("invitations", memberships.invitationsOf(actor));
		var mine = groups.of(actor);
		model.addAttribute("groups", mine);
		model.addAttribute("lapsesAt", reconfirmations.lapses(actor, mine));
		model.addAttribute("lapsed", reconfirmations.lapsed(actor));
		model.addAttribute("sharesWithPractice", practiceSharing.sharesWithPractice(actor.userId()));
		return "my/memberships";
	}

	/** The physician's own choice whether his practices' colleagues see his studies. */
	@PostMapping("/my/practice-sharing")
	String practiceSharing(Actor actor,
			@org.springframework.web.bind.annotation.RequestParam(required = false) boolean shares,
			RedirectAttributes redirect) {
		practiceSharing.change(actor, shares);
		redirect.addFlashAttribute("notice", "membership.practiceSharing.saved");
		return "redirect:/my/memberships";
	}

	@PostMapping("/my/memberships/{groupId}/accept")
	String accept(Actor actor, @PathVariable GroupId groupId, RedirectAttributes redirect) {
		return answer(() -> memberships.accept(actor, groupId), "membership.accepted", redirect);
	}

	@PostMapping("/my/memberships/{groupId}/decline")
	String decline(Actor actor, @PathVariable GroupId groupId, RedirectAttributes redirect) {
		return answer(() -> memberships.decline(actor, groupId), "membership.declined", redirect);
	}

	/** One click confirms a practice membership again, lapsed or not (decision 061). */
	@PostMapping("/my/memberships/{groupId}/confirm")
	String confirm(Actor actor, @PathVariable GroupId groupId, RedirectAttributes redirect) {
		return answer(() -> reconfirmations.confirm(actor, groupId), "membership.confirmed", redirect);
	}

	@PostMapping("/my/memberships/{groupId}/leave")
	String leave(Actor actor, @PathVariable GroupId groupId, RedirectAttributes redirect) {
		return answer(() -> memberships.leave(actor, groupId), "membership.left", redirect);
	}

	private static String answer(Runnable action, String notice, RedirectAttributes redirect) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (NotFoundException ex) {
			redirect.addFlashAttribute("problem", "membership.gone");
		}
		return "redirect:/my/memberships";
	}

}
