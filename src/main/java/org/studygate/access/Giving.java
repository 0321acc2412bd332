package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.study.Study;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Every path that gives access asks here first (docs/product/10-cross-cutting-rules.md,
 * decision 030): grants, shares, share codes, printed reference numbers, study reference
 * numbers and claims. The rule itself is {@link GivingPolicy}; this service gathers what
 * the decision point says about the giver, logs a refusal ({@link GivingRefused}) and
 * turns it into 403 (a right the giver lacks) or 400 naming the field (a recipient or an
 * end he may not choose).
 */
@Service
public class Giving {

	/** The paths that give access, each naming the fields of its request. */
	public enum Via {

		GRANT("subjectId", "validUntil", "mayDownload"), SHARE("recipients", "validUntil", "mayDownload"),
		SHARE_CODE("recipient", "validUntil", "mayDownload"), PRINTED_CODE("recipient", "validUntil", "mayDownload"),
		REFERENCE_NUMBER("recipient", "validTo", "mayDownload"), CLAIM("referenceNumber", "validTo", "mayDownload");

		private final String recipientField;

		private final String endField;

		private final String transferField;

		Via(String recipientField, String endField, String transferField) {
			this.recipientField = recipientField;
			this.endField = endField;
			this.transferField = transferField;
		}

		String field(GivingPolicy.Fault fault) {
			return switch (fault) {
				case SELF -> recipientField;
				case REPORT -> "scope";
				case SHARE -> "mayShare";
				case TRANSFER -> transferField;
				case VALIDITY -> endField;
			};
		}

	}

	private final AccessControl access;

	private final GrantStore grants;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Giving(AccessControl access, GrantStore grants, ApplicationEventPublisher events, Clock clock) {
		this.grants = grants;
		this.access = access;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Refuses a gift the actor may not make on the study, after logging the refusal.
	 * @throws AccessDeniedException when the gift includes a right the actor lacks
	 * @throws InvalidInputException naming the field when the recipient is the actor
	 * himself (or a group of his) or the end lies beyond the actor's own access
	 */
	public void require(Actor actor, Study study, Via via, Gift gift) {
		require(actor, study, via, List.of(gift));
	}

	/**
	 * {@link #require(Actor, Study, Via, Gift)} for several gifts on one study (a share's
	 * recipients).
	 */
	public void require(Actor actor, Study study, Via via, List<Gift> gifts) {
		if (via == Via.CLAIM) {
			throw new IllegalArgumentException("a claim is checked against its code: use requireWithinCode");
		}
		GivingPolicy.Giver giver = giver(actor, study);
		for (Gift gift : gifts) {
			GivingPolicy.Verdict verdict = GivingPolicy.check(giver, gift, existing(study, gift));
			if (verdict instanceof GivingPolicy.Verdict.Refused refused) {
				throw refuse(actor, study, via, refused);
			}
		}
	}

	/**
	 * The latest end the actor may give the gift's rights on the study with, empty when
	 * he is not bound (source staff, or ways in without an end); for offering a default
	 * that does not outlast the giver.
	 */
	public Optional<Instant> latestEnd(Actor actor, Study study, Gift gift) {
		Instant end = GivingPolicy.latestEnd(giver(actor, study), gift);
		return end.equals(GivingPolicy.Giver.OPEN) ? Optional.empty() : Optional.of(end);
	}

	/**
	 * A staff user claims a study with its code (origin REFERENCE_NUMBER_CLAIM): the one
	 * gift a user makes to himself, because the code is the giver. It gives no more than
	 * the decision point lets the code's own session do: its scope, never may-share or
	 * download, and no end later than the code's.
	 * @param codeSession the session the code opens ({@link Actor#patient})
	 */
	public void requireWithinCode(Actor actor, Actor codeSession, Study study, Gift gift) {
		if (!codeSession.isPatient()) {
			throw new IllegalArgumentException("not a code session");
		}
		GivingPolicy.Verdict verdict = GivingPolicy.check(giver(codeSession, study), gift, existing(study, gift));
		if (verdict instanceof GivingPolicy.Verdict.Refused refused) {
			throw refuse(actor, study, Via.CLAIM, refused);
		}
	}

	private RuntimeException refuse(Actor actor, Study study, Via via, GivingPolicy.Verdict.Refused refused) {
		String field = via.field(refused.fault());
		events.publishEvent(new GivingRefused(clock.instant(), actor.asAuditActor(), study.id().value(), via.name(),
				field, refused.reason()));
		if (refused.fault().forbidden) {
			return new AccessDeniedException(refused.reason());
		}
		return new InvalidInputException(field, refused.reason());
	}

	/**
	 * The recipient's live grant on the study, which the gift would merge into;
	 * {@code null} when none.
	 */
	private Grant existing(Study study, Gift gift) {
		Gift.Recipient to = gift.recipient();
		return to.type() == null ? null : grants.live(study.id(), to.type(), to.id()).orElse(null);
	}

	private GivingPolicy.Giver giver(Actor actor, Study study) {
		Map<Action, Instant> reach = new EnumMap<>(Action.class);
		for (Action action : Grant.MAY_GIVE) {
			if (access.reach(actor, study, action) instanceof Decision.Permitted permitted) {
				reach.put(action, permitted.until() == null ? GivingPolicy.Giver.OPEN : permitted.until());
			}
		}
		UUID user = actor.isUser() ? actor.userId().value() : null;
		return new GivingPolicy.Giver(user, actor.groupIds().stream().map(GroupId::value).collect(Collectors.toSet()),
				actor.isSourceMemberOf(study.departmentId()), reach);
	}

}
