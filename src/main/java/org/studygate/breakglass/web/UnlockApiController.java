package org.studygate.breakglass.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.studygate.breakglass.BreakGlass;
import org.studygate.breakglass.Candidate;
import org.studygate.breakglass.SearchThrottledException;
import org.studygate.breakglass.Unlock;
import org.studygate.breakglass.UnlockId;
import org.studygate.breakglass.UnlockView;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Break-the-glass in the REST API: find the studies of a patient one may unlock by exact
 * patient ID and birth date, unlock one, and (source admins) list, review and revoke
 * unlocks.
 */
@RestController
@RequestMapping("/api/v1")
class UnlockApiController {

	static final URI THROTTLED = URI.create("https://studygate.org/problems/emergency-search-throttled");

	private final BreakGlass breakGlass;

	UnlockApiController(BreakGlass breakGlass) {
		this.breakGlass = breakGlass;
	}

	record SearchRequest(String patientId, LocalDate birthDate) {

	}

	record CandidateItem(String studyId, String patientName, String patientId, LocalDate birthDate, LocalDate studyDate,
			String modality, String description, String department, int durationHours, int minimumReasonLength) {

		static CandidateItem of(Candidate c) {
			return new CandidateItem(c.studyId().toString(), c.patientName(), c.patientId(), c.birthDate(),
					c.studyDate(), c.modality(), c.description(), c.departmentName(), c.durationHours(),
					c.minimumReasonLength());
		}

	}

	record Items<T>(List<T> items, String next) {

	}

	/**
	 * The studies one may unlock for this exact patient ID and birth date; empty for
	 * anything else.
	 */
	@PostMapping("/break-glass/search")
	Items<CandidateItem> search(Actor actor, @RequestBody SearchRequest request, HttpServletRequest http) {
		if (request == null) {
			throw new org.studygate.InvalidInputException("patientId", "is required");
		}
		return new Items<>(breakGlass.search(actor, request.patientId(), request.birthDate(), http.getRemoteAddr())
			.stream()
			.map(CandidateItem::of)
			.toList(), null);
	}

	record UnlockRequest(String purpose, String reason) {

	}

	record Unlocked(String unlockId, String studyId, Instant expiresAt) {

	}

	@PostMapping("/studies/{id}/unlock")
	ResponseEntity<Unlocked> unlock(Actor actor, @PathVariable("id") StudyId study,
			@RequestBody UnlockRequest request) {
		Unlock unlock = breakGlass.unlock(actor, study, request == null ? null : request.purpose(),
				request == null ? null : request.reason());
		return ResponseEntity.created(URI.create("/api/v1/unlocks/" + unlock.id()))
			.body(new Unlocked(unlock.id().toString(), study.toString(), unlock.expiresAt()));
	}

	/**
	 * The unlocks of the departments the caller administers, those waiting for review
	 * first.
	 */
	@GetMapping("/unlocks")
	Items<UnlockView> unlocks(Actor actor, @RequestParam(defaultValue = "false") boolean all) {
		return new Items<>(breakGlass.toReview(actor, !all).stream().map(BreakGlass.ReviewItem::unlock).toList(), null);
	}

	record ReviewRequest(String verdict, String comment) {

	}

	@PostMapping("/unlocks/{id}/review")
	UnlockView review(Actor actor, @PathVariable UnlockId id, @RequestBody ReviewRequest request) {
		Unlock unlock = breakGlass.review(actor, id, request == null ? null : request.verdict(),
				request == null ? null : request.comment());
		return breakGlass.view(unlock);
	}

	@DeleteMapping("/unlocks/{id}")
	ResponseEntity<Void> revoke(Actor actor, @PathVariable UnlockId id,
			@RequestParam(required = false) String comment) {
		breakGlass.revoke(actor, id, comment);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Too many searches without a match (decision 034): 429, the same for a right and a
	 * wrong guess.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> throttled(SearchThrottledException ex, HttpServletRequest http) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"You searched too often without a match within the hour; the emergency search is paused for you. "
						+ "Try again later, or ask the department's source admins for access.");
		problem.setType(THROTTLED);
		problem.setTitle("Too many emergency searches");
		problem.setInstance(URI.create(http.getRequestURI()));
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "360").body(problem);
	}

}
