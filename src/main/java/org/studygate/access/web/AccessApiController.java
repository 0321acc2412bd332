package org.studygate.access.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.studygate.NotFoundException;
import org.studygate.access.AccessEntry;
import org.studygate.access.AccessTab;
import org.studygate.access.Explanation;
import org.studygate.access.Explanations;
import org.studygate.access.Grant;
import org.studygate.access.GrantId;
import org.studygate.access.GrantOrigin;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.access.NewGrant;
import org.studygate.access.ShareRequest;
import org.studygate.access.Sharing;
import org.studygate.access.SubjectType;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import com.fasterxml.jackson.annotation.JsonProperty;

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
 * Access tab, grants, shares and explanations in the REST API
 * (docs/product/09-api-contract.md).
 */
@RestController
@RequestMapping("/api/v1")
class AccessApiController {

	private final AccessTab accessTab;

	private final Grants grants;

	private final Explanations explanations;

	private final Sharing sharing;

	AccessApiController(AccessTab accessTab, Grants grants, Explanations explanations, Sharing sharing) {
		this.accessTab = accessTab;
		this.grants = grants;
		this.explanations = explanations;
		this.sharing = sharing;
	}

	record UserItem(String grantId, String subjectType, String subjectId, String subjectName, String scope,
			boolean mayShare, boolean mayDownload, Instant validFrom, Instant validUntil, Instant grantedAt,
			String grantedBy, String origin, boolean withdrawable, String state, String exclusionId, String withdrawnBy,
			Instant withdrawnAt, String withdrawnReason) {

		static UserItem of(AccessEntry e) {
			var x = e.exclusion();
			return new UserItem(e.grantId() == null ? null : e.grantId().toString(), e.subjectType().name(),
					e.subjectId() == null ? null : e.subjectId().toString(), e.subjectName(), e.scope().name(),
					e.mayShare(), e.mayTransfer(), e.validFrom(), e.validUntil(), e.grantedAt(), e.grantedBy(),
					e.origin(), e.withdrawable(), e.state().name(), x == null ? null : x.id().toString(),
					x == null ? null : x.excludedByName(), x == null ? null : x.excludedAt(),
					x == null ? null : x.reason());
		}

	}

	/**
	 * All Access-tab sections: {@code users}, then each other section under its own key
	 * ({@code unlocked}, {@code transfers}, {@code buckets}, {@code referenceNumbers},
	 * {@code rsw}) in its order.
	 */
	@GetMapping("/studies/{id}/access")
	Map<String, Object> access(Actor actor, @PathVariable StudyId id) {
		AccessTab.View view = accessTab.view(actor, id, "API");
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("users", view.users().stream().map(UserItem::of).toList());
		view.sections().forEach(section -> answer.put(section.key(), section.content()));
		return answer;
	}

	record GrantBody(String subjectType, String subjectId, String scope, Boolean mayShare, Boolean mayDownload,
			Instant validFrom, Instant validUntil) {

	}

	record GrantItem(String grantId, String studyId, String subjectType, String subjectId, String scope,
			boolean mayShare, boolean mayDownload, Instant validFrom, Instant validUntil, Instant grantedAt,
			String origin) {

		static GrantItem of(Grant g) {
			return new GrantItem(g.id().toString(), g.studyId().toString(), g.subjectType().name(),
					g.subjectId().toString(), g.scope().name(), g.mayShare(), g.mayTransfer(), g.validFrom(),
					g.validUntil(), g.grantedAt(), g.origin().name());
		}

	}

	@PostMapping("/studies/{id}/grants")
	ResponseEntity<GrantItem> grant(Actor actor, @PathVariable StudyId id, @RequestBody GrantBody body) {
		Grant grant = grants.grant(actor, id,
				new NewGrant(Fields.named(SubjectType.class, "subjectType", body.subjectType()),
						Fields.uuid("subjectId", body.subjectId()),
						Fields.named(GrantScope.class, "scope", body.scope()), Boolean.TRUE.equals(body.mayShare()),
						Boolean.TRUE.equals(body.mayDownload()), body.validFrom(), body.validUntil(),
						GrantOrigin.RULE));
		return ResponseEntity.created(URI.create("/api/v1/studies/" + id + "/grants/" + grant.id()))
			.body(GrantItem.of(grant));
	}

	@DeleteMapping("/studies/{id}/grants/{grantId}")
	ResponseEntity<Void> withdraw(Actor actor, @PathVariable StudyId id, @PathVariable GrantId grantId,
			@RequestParam(required = false) String reason) {
		grants.withdraw(actor, id, grantId, reason);
		return ResponseEntity.noContent().build();
	}

	record RecipientBody(String type, String id) {

	}

	record ShareBody(List<String> studyIds, List<RecipientBody> recipients, String scope, Boolean mayShare,
			LocalDate validUntil, String message, @JsonProperty("notify") Boolean notifyRecipients,
			Boolean mayDownload) {

	}

	record ShareAnswer(List<GrantItem> grants, Instant validUntil) {

	}

	@PostMapping("/shares")
	ResponseEntity<ShareAnswer> share(Actor actor, @RequestBody ShareBody body) {
		List<StudyId> studyIds = body.studyIds() == null ? List.of()
				: body.studyIds()
					.stream()
					.map(s -> StudyId.parse(s).orElseThrow(() -> new NotFoundException("study")))
					.toList();
		List<ShareRequest.Recipient> recipients = body.recipients() == null ? List.of() : body.recipients()
			.stream()
			.map(r -> new ShareRequest.Recipient(Fields.named(ShareRequest.RecipientType.class, "recipients", r.type()),
					Fields.uuid("recipients", r.id())))
			.toList();
		Sharing.Shared shared = sharing.share(actor,
				new ShareRequest(studyIds, recipients,
						body.scope() == null ? GrantScope.IMAGES_REPORT_READ
								: Fields.named(GrantScope.class, "scope", body.scope()),
						Boolean.TRUE.equals(body.mayShare()), body.validUntil(), body.message(),
						!Boolean.FALSE.equals(body.notifyRecipients()), Boolean.TRUE.equals(body.mayDownload())));
		return ResponseEntity.status(201)
			.body(new ShareAnswer(shared.grants().stream().map(GrantItem::of).toList(), shared.validUntil()));
	}

	record Candidates(List<Sharing.Candidate> items, String next) {

	}

	@GetMapping("/share-recipients")
	Candidates recipients(Actor actor, @RequestParam(name = "q", required = false) String query) {
		return new Candidates(sharing.candidates(actor, query, 10), null);
	}

	@GetMapping("/access/explain")
	Explanation explain(Actor actor, @RequestParam StudyId studyId, @RequestParam UserId userId) {
		return explanations.explain(actor, studyId, userId);
	}

}
