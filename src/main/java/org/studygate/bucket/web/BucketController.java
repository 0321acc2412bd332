package org.studygate.bucket.web;

import java.util.List;
import java.util.Optional;

import org.studygate.InvalidInputException;
import org.studygate.access.GrantScope;
import org.studygate.bucket.BlockedAccess;
import org.studygate.bucket.Bucket;
import org.studygate.bucket.BucketId;
import org.studygate.bucket.BucketKind;
import org.studygate.bucket.Buckets;
import org.studygate.bucket.IssuedBucket;
import org.studygate.bucket.NewBucket;
import org.studygate.bucket.NewShareCode;
import org.studygate.bucket.Printing;
import org.studygate.bucket.RemoveMode;
import org.studygate.bucket.ShareCodes;
import org.studygate.department.Department;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The bucket pages: print a reference number for the studies selected on the explore page
 * (the code shown once, the letter to download), share with a person without an account
 * from the share dialog, the Buckets section's cross with its confirmation, and the
 * department's blocked access page.
 */
@Controller
class BucketController {

	private final Buckets buckets;

	private final Printing printing;

	private final ShareCodes shareCodes;

	private final BlockedAccess blockedAccess;

	BucketController(Buckets buckets, Printing printing, ShareCodes shareCodes, BlockedAccess blockedAccess) {
		this.buckets = buckets;
		this.printing = printing;
		this.shareCodes = shareCodes;
		this.blockedAccess = blockedAccess;
	}

	record PrintForm(List<String> studyIds, String verification, String scope, String reason, String language,
			String validUntil, Boolean patientAgreed, String label) {

		PrintForm {
			studyIds = studyIds == null ? List.of() : studyIds;
		}

	}

	@GetMapping("/buckets/print")
	String printForm(Actor actor, @ModelAttribute("form") PrintForm form, Model model) {
		return printPage(actor, form, null, model);
	}

	@PostMapping("/buckets/print")
	String print(Actor actor, @ModelAttribute("form") PrintForm form, Model model) {
		try {
			IssuedBucket issued = printing.print(actor,
					new NewBucket(Params.studies(form.studyIds()),
							Params.named(Verification.class, "verification", form.verification()),
							Params.named(GrantScope.class, "scope", form.scope()), form.reason(), form.language(),
							Params.date("validUntil", form.validUntil()), Boolean.TRUE.equals(form.patientAgreed()),
							form.label()));
			model.addAttribute("issued", issued);
			return "bucket/printed";
		}
		catch (InvalidInputException ex) {
			return printPage(actor, form, "bucket.invalid." + ex.field(), model);
		}
	}

	private String printPage(Actor actor, PrintForm form, String problem, Model model) {
		Printing.Draft draft = printing.draft(actor, Params.studies(form.studyIds()));
		model.addAttribute("draft", draft);
		model.addAttribute("problem", problem);
		model.addAttribute("verifications",
				List.of(Verification.OTP_SMS, Verification.OTP_EMAIL, Verification.DOB_ONLY));
		model.addAttribute("scopes", List.of(GrantScope.IMAGES, GrantScope.IMAGES_REPORT_READ));
		model.addAttribute("languages", List.of("en", "nl", "fr", "de"));
		model.addAttribute("validUntil", form.validUntil() == null || form.validUntil().isBlank()
				? draft.validity().defaultUntil().toString() : form.validUntil());
		return "bucket/print";
	}

	record ShareForm(List<String> studyIds, String email, String mobile, String scope, String validUntil,
			String message, String language) {

		ShareForm {
			studyIds = studyIds == null ? List.of() : studyIds;
		}

	}

	@GetMapping("/buckets/share")
	String shareForm(Actor actor, @ModelAttribute("form") ShareForm form, Model model) {
		return sharePage(actor, form, null, model);
	}

	@PostMapping("/buckets/share")
	String share(Actor actor, @ModelAttribute("form") ShareForm form, Model model, RedirectAttributes redirect) {
		try {
			shareCodes.share(actor,
					new NewShareCode(Params.studies(form.studyIds()), form.email(), form.mobile(),
							Params.named(GrantScope.class, "scope", form.scope()),
							Params.date("validUntil", form.validUntil()), form.message(), form.language()));
			redirect.addFlashAttribute("notice", "bucket.share.done");
			return form.studyIds().size() == 1 ? "redirect:/studies/" + form.studyIds().get(0) : "redirect:/explore";
		}
		catch (InvalidInputException ex) {
			return sharePage(actor, form, "bucket.invalid." + ex.field(), model);
		}
	}

	private String sharePage(Actor actor, ShareForm form, String problem, Model model) {
		Printing.Draft draft = shareCodes.draft(actor, Params.studies(form.studyIds()));
		model.addAttribute("draft", draft);
		model.addAttribute("problem", problem);
		model.addAttribute("scopes", List.of(GrantScope.IMAGES, GrantScope.IMAGES_REPORT_READ));
		model.addAttribute("languages", List.of("en", "nl", "fr", "de"));
		model.addAttribute("validUntil", form.validUntil() == null || form.validUntil().isBlank()
				? draft.validity().defaultUntil().toString() : form.validUntil());
		return "bucket/share";
	}

	@GetMapping("/studies/{id}/buckets/{bucketId}/revoke")
	String confirmRevoke(Actor actor, @PathVariable StudyId id, @PathVariable BucketId bucketId, Model model) {
		model.addAttribute("studyId", id);
		model.addAttribute("bucket", buckets.held(actor, id, bucketId));
		return "bucket/revoke";
	}

	@PostMapping("/studies/{id}/buckets/{bucketId}/revoke")
	String revoke(Actor actor, @PathVariable StudyId id, @PathVariable BucketId bucketId,
			@RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
		if (reason == null || reason.isBlank()) {
			model.addAttribute("problem", "bucket.revoke.reasonMissing");
			return confirmRevoke(actor, id, bucketId, model);
		}
		buckets.revoke(actor, id, bucketId, reason);
		redirect.addFlashAttribute("notice", "bucket.revoked");
		return "redirect:/studies/" + id + "/access";
	}

	@GetMapping("/studies/{id}/buckets/{bucketId}/remove")
	String confirmRemove(Actor actor, @PathVariable StudyId id, @PathVariable BucketId bucketId, Model model) {
		model.addAttribute("studyId", id);
		model.addAttribute("bucket", buckets.held(actor, id, bucketId));
		return "bucket/remove";
	}

	@PostMapping("/studies/{id}/buckets/{bucketId}/remove")
	String remove(Actor actor, @PathVariable StudyId id, @PathVariable BucketId bucketId,
			@RequestParam(required = false) String mode, RedirectAttributes redirect) {
		RemoveMode removeMode = Params.named(RemoveMode.class, "mode", mode);
		if (removeMode == null) {
			throw new InvalidInputException("mode", "choose what to remove");
		}
		buckets.remove(actor, id, bucketId, removeMode);
		redirect.addFlashAttribute("notice",
				removeMode == RemoveMode.REMOVE_STUDY ? "bucket.removed.study" : "bucket.removed.bucket");
		return "redirect:/studies/" + id + "/access";
	}

	@GetMapping("/studies/{id}/blocked-access")
	String blockedOfStudy(Actor actor, @PathVariable StudyId id) {
		return "redirect:/departments/" + blockedAccess.departmentCodeOf(actor, id) + "/blocked";
	}

	@GetMapping("/departments/{code}/blocked")
	String blocked(Actor actor, @PathVariable String code, Model model) {
		Department department = blockedAccess.administered(actor, code);
		model.addAttribute("department", department);
		model.addAttribute("lines", blockedAccess.blocked(actor, code));
		return "bucket/blocked";
	}

	@PostMapping("/departments/{code}/blocked/{codeId}/unblock")
	String unblock(Actor actor, @PathVariable String code, @PathVariable String codeId,
			@RequestParam(required = false) BucketId bucket, @RequestParam(required = false) Boolean newCode,
			Model model, RedirectAttributes redirect) {
		Department department = blockedAccess.administered(actor, code);
		boolean renew = Boolean.TRUE.equals(newCode);
		Optional<String> issued = bucket != null ? blockedAccess.unblock(actor, owned(actor, department, bucket), renew)
				: blockedAccess.unblockReferenceNumber(actor, code, Params.codeId(codeId), renew);
		if (issued.isPresent()) {
			model.addAttribute("department", department);
			model.addAttribute("code", issued.get());
			return "bucket/renewed";
		}
		redirect.addFlashAttribute("notice", "bucket.unblocked");
		return "redirect:/departments/" + department.code().value() + "/blocked";
	}

	/**
	 * A bucket of the page's department (another department's is not found, through
	 * {@link Buckets#get}).
	 */
	private BucketId owned(Actor actor, Department department, BucketId bucket) {
		Bucket found = buckets.get(actor, bucket);
		if (!found.departmentId().equals(department.id().value())) {
			throw new org.studygate.NotFoundException("bucket");
		}
		return bucket;
	}

	static boolean printed(Bucket bucket) {
		return bucket.kind() == BucketKind.PRINTED;
	}

}
