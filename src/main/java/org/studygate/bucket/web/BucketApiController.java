package org.studygate.bucket.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.studygate.access.GrantScope;
import org.studygate.bucket.BlockedAccess;
import org.studygate.bucket.Bucket;
import org.studygate.bucket.BucketId;
import org.studygate.bucket.Buckets;
import org.studygate.bucket.IssuedBucket;
import org.studygate.bucket.NewBucket;
import org.studygate.bucket.NewShareCode;
import org.studygate.bucket.Printing;
import org.studygate.bucket.RemoveMode;
import org.studygate.bucket.ShareCodes;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Buckets in the REST API (docs/product/09-api-contract.md): print a reference number or
 * share with a person without an account ({@code email} or {@code mobile} given), read a
 * bucket, remove a study or the full bucket, and unblock; the printed letter is
 * {@link LetterController}'s. Codes travel only in answer bodies and the letter.
 */
@RestController
@RequestMapping("/api/v1")
class BucketApiController {

	private final Buckets buckets;

	private final Printing printing;

	private final ShareCodes shareCodes;

	private final BlockedAccess blockedAccess;

	BucketApiController(Buckets buckets, Printing printing, ShareCodes shareCodes, BlockedAccess blockedAccess) {
		this.buckets = buckets;
		this.printing = printing;
		this.shareCodes = shareCodes;
		this.blockedAccess = blockedAccess;
	}

	/**
	 * A print request, or a share to a person without an account when {@code email} or
	 * {@code mobile} is given.
	 */
	record BucketBody(List<String> studyIds, String verification, String scope, String reason, String language,
			String validUntil, Boolean patientAgreed, String label, String email, String mobile, String message) {

	}

	record Created(UUID id, String code, Bucket bucket) {

		static Created of(IssuedBucket issued) {
			return new Created(issued.id(), issued.code(), issued.bucket());
		}

	}

	@PostMapping("/buckets")
	ResponseEntity<Created> create(Actor actor, @RequestBody(required = false) BucketBody body) {
		BucketBody b = body == null ? new BucketBody(null, null, null, null, null, null, null, null, null, null, null)
				: body;
		IssuedBucket issued;
		if (b.email() != null || b.mobile() != null) {
			issued = shareCodes.share(actor,
					new NewShareCode(Params.studies(b.studyIds()), b.email(), b.mobile(),
							Params.named(GrantScope.class, "scope", b.scope()),
							Params.date("validUntil", b.validUntil()), b.message(), b.language()));
		}
		else {
			issued = printing.print(actor, new NewBucket(Params.studies(b.studyIds()),
					Params.named(Verification.class, "verification", b.verification()),
					Params.named(GrantScope.class, "scope", b.scope()), b.reason(), b.language(),
					Params.date("validUntil", b.validUntil()), Boolean.TRUE.equals(b.patientAgreed()), b.label()));
		}
		return ResponseEntity.created(URI.create("/api/v1/buckets/" + issued.id()))
			.cacheControl(CacheControl.noStore())
			.body(Created.of(issued));
	}

	@GetMapping("/buckets/{id}")
	Bucket get(Actor actor, @PathVariable BucketId id) {
		return buckets.get(actor, id);
	}

	@DeleteMapping("/studies/{id}/buckets/{bucketId}")
	ResponseEntity<Void> remove(Actor actor, @PathVariable StudyId id, @PathVariable BucketId bucketId,
			@RequestParam(required = false) String mode) {
		RemoveMode removeMode = Params.named(RemoveMode.class, "mode", mode);
		buckets.remove(actor, id, bucketId, removeMode);
		return ResponseEntity.noContent().build();
	}

	record RevokeBody(String reason) {

	}

	@PostMapping("/studies/{id}/buckets/{bucketId}/revoke")
	Bucket revoke(Actor actor, @PathVariable StudyId id, @PathVariable BucketId bucketId,
			@RequestBody(required = false) RevokeBody body) {
		return buckets.revoke(actor, id, bucketId, body == null ? null : body.reason());
	}

	record UnblockBody(Boolean newCode) {

	}

	@PostMapping("/buckets/{id}/unblock")
	ResponseEntity<Map<String, Object>> unblock(Actor actor, @PathVariable BucketId id,
			@RequestBody(required = false) UnblockBody body) {
		var code = blockedAccess.unblock(actor, id, body != null && Boolean.TRUE.equals(body.newCode()));
		Map<String, Object> answer = new java.util.LinkedHashMap<>();
		answer.put("id", id.value());
		answer.put("state", buckets.get(actor, id).state());
		code.ifPresent(c -> answer.put("code", c));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
	}

}
