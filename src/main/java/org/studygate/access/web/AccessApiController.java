package org.studygate.access.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.access.AccessEntry;
import org.studygate.access.Explanation;
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

/** Access tab, grants, shares and explanations in the REST API (SPEC §9). */
@RestController
@RequestMapping("/api/v1")
class AccessApiController {

	private final Grants grants;

	private final Sharing sharing;

	AccessApiController(Grants grants, Sharing sharing) {
		this.grants = grants;
		this.sharing = sharing;
	}

	/**
	 * All Access-tab sections (SPEC §9). A section whose capability contributes nothing is an empty
	 * list ({@code rsw}: null).
	 */
	record AccessSections(List<UserItem> users, Object unlocked, Object transfers, Object buckets,
			Object referenceNumbers, Object rsw) {

	}

	record UserItem(String grantId, String subjectType, String subjectId, String subjectName, String scope,
			boolean mayShare, boolean mayDownload, Instant validFrom, Instant validUntil, Instant grantedAt,
			String grantedBy, String origin, boolean withdrawable, String state) {

		static UserItem of(AccessEntry e) {
			return new UserItem(e.grantId() == null ? null : e.grantId().toString(), e.subjectType().name(),
					e.subjectId() == null ? null : e.subjectId().toString(), e.subjectName(), e.scope().name(),
					e.mayShare(), e.mayTransfer(), e.validFrom(), e.validUntil(), e.grantedAt(), e.grantedBy(),
					e.origin(), e.withdrawable(), e.state().name());
		}

	}

	@GetMapping("/studies/{id}/access")
	AccessSections access(Actor actor, @PathVariable String id) {
		Grants.UsersSection section = grants.users(actor, study(id), "API");
		return new AccessSections(section.users().stream().map(UserItem::of).toList(),
				section.content("unlocked").orElse(List.of()), section.content("transfers").orElse(List.of()),
				section.content("buckets").orElse(List.of()), section.content("referenceNumbers").orElse(List.of()),
				section.content("rsw").orElse(null));
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
	ResponseEntity<GrantItem> grant(Actor actor, @PathVariable String id, @RequestBody GrantBody body) {
		StudyId studyId = study(id);
		Grant grant = grants.grant(actor, studyId,
				new NewGrant(named(SubjectType.class, "subjectType", body.subjectType()),
						uuid("subjectId", body.subjectId()), named(GrantScope.class, "scope", body.scope()),
						Boolean.TRUE.equals(body.mayShare()), Boolean.TRUE.equals(body.mayDownload()),
						body.validFrom(), body.validUntil(), GrantOrigin.RULE));
		return ResponseEntity.created(URI.create("/api/v1/studies/" + studyId + "/grants/" + grant.id()))
			.body(GrantItem.of(grant));
	}

	@DeleteMapping("/studies/{id}/grants/{grantId}")
	ResponseEntity<Void> withdraw(Actor actor, @PathVariable String id, @PathVariable String grantId,
			@RequestParam(required = false) String reason) {
		StudyId studyId = study(id);
		grants.withdraw(actor, studyId, GrantId.parse(grantId).orElseThrow(() -> new NotFoundException("grant")),
				reason);
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
				: body.studyIds().stream().map(s -> StudyId.parse(s).orElseThrow(() -> new NotFoundException("study"))).toList();
		List<ShareRequest.Recipient> recipients = body.recipients() == null ? List.of()
				: body.recipients().stream()
					.map(r -> new ShareRequest.Recipient(named(ShareRequest.RecipientType.class, "recipients", r.type()),
							uuid("recipients", r.id())))
					.toList();
		Sharing.Shared shared = sharing.share(actor,
				new ShareRequest(studyIds, recipients,
						body.scope() == null ? GrantScope.IMAGES_REPORT_READ : named(GrantScope.class, "scope", body.scope()),
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
	Explanation explain(Actor actor, @RequestParam String studyId, @RequestParam String userId) {
		return grants.explain(actor, study(studyId), new UserId(uuid("userId", userId)));
	}

	static StudyId study(String id) {
		return StudyId.parse(id).orElseThrow(() -> new NotFoundException("study"));
	}

	static UUID uuid(String field, String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidInputException(field, "must be an id");
		}
	}

	static <E extends Enum<E>> E named(Class<E> type, String field, String name) {
		try {
			return Enum.valueOf(type, name);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidInputException(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
		}
	}

}
