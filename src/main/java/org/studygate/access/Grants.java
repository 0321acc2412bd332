package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.directory.ActorKind;
import org.studygate.directory.Groups;
import org.studygate.directory.Users;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Explicit grants of a study to users and groups: giving and withdrawing them. Both need
 * MANAGE_ACCESS on the study (its source admins and the service desk); a study the actor
 * may not even list is not found. The Access tab that lists them is {@link AccessTab};
 * "why can this user see it?" is {@link Explanations}.
 *
 * <p>
 * Merge rule: a repeated grant to the same subject on the same study does not add a row;
 * the subject's live grant takes the widest scope, either may-share/may-transfer flag,
 * the earliest start and the latest end (no end wins). A withdrawal ends the grant at
 * once; a later grant starts anew.
 */
@Service
public class Grants {

	/** Longest reason accepted for a withdrawal. */
	public static final int MAX_REASON = 500;

	private final GrantStore store;

	private final AccessControl access;

	private final AccessEntries entries;

	private final Users users;

	private final Groups groups;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Giving giving;

	Grants(GrantStore store, AccessControl access, AccessEntries entries, Users users, Groups groups,
			ApplicationEventPublisher events, Clock clock, Giving giving) {
		this.store = store;
		this.access = access;
		this.entries = entries;
		this.users = users;
		this.groups = groups;
		this.events = events;
		this.clock = clock;
		this.giving = giving;
	}

	/**
	 * Gives (or widens) a grant on the study; the subject must exist. A person may not
	 * give a grant that has already ended (a mistake that would only clutter the tab);
	 * the application itself may, when it carries over the history of another system. The
	 * one rule for giving applies (decision 030): nobody grants himself.
	 */
	@Transactional
	public Grant grant(Actor actor, StudyId studyId, NewGrant grant) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		if (actor.kind() != ActorKind.SYSTEM && grant.validUntil() != null
				&& !grant.validUntil().isAfter(clock.instant())) {
			throw new InvalidInputException("validUntil", "must lie in the future");
		}
		requireSubject(grant.subjectType(), grant.subjectId());
		giving.require(actor, study, Giving.Via.GRANT, new Gift(grant.scope(), grant.mayShare(), grant.mayTransfer(),
				grant.validUntil(), new Gift.Recipient(grant.subjectType(), grant.subjectId())));
		return record(actor, studyId, grant);
	}

	/**
	 * Gives the staff user himself a grant that a code he holds opens: a study claimed
	 * with its reference number and the patient's birth date (origin
	 * REFERENCE_NUMBER_CLAIM). The grant gives what the code's session may do on the
	 * study, no more (decision 030): its scope, until its end.
	 * @param codeSession the session the code opens ({@link Actor#patient})
	 * @return the grant, empty when the code does not open the study now (e.g. it was
	 * cancelled)
	 */
	@Transactional
	public Optional<Grant> claimed(Actor actor, Actor codeSession, Study study, GrantScope scope) {
		if (!actor.isUser()) {
			throw new AccessDeniedException("only staff users claim studies");
		}
		if (!(access.reach(codeSession, study, Action.VIEW_IMAGES) instanceof Decision.Permitted opened)) {
			return Optional.empty();
		}
		try {
			giving.requireWithinCode(actor, codeSession, study,
					new Gift(scope, false, false, opened.until(), Gift.Recipient.user(actor.userId())));
		}
		catch (InvalidInputException | AccessDeniedException refused) {
			return Optional.empty(); // logged by the rule; the claimant's grant stays as
										// it was
		}
		return Optional.of(record(actor, study.id(), new NewGrant(SubjectType.USER, actor.userId().value(), scope,
				false, false, null, opened.until(), GrantOrigin.REFERENCE_NUMBER_CLAIM)));
	}

	/** Records a grant whose right to give the caller has checked (a share). */
	Grant record(Actor actor, StudyId studyId, NewGrant grant) {
		Instant now = clock.instant();
		Grant merged = store.merge(studyId, grant, actor, now);
		events.publishEvent(new AccessGranted(now, actor.asAuditActor(), merged));
		return merged;
	}

	/**
	 * A withdrawn grant's line of the Users section, for re-rendering its row.
	 *
	 * @param zone the sending department's time zone, in which the tab shows times
	 */
	public record Withdrawn(AccessEntry line, ZoneId zone) {

	}

	/**
	 * Withdraws a grant of the study with a reason; it permits nothing from the next
	 * request on. A grant of another study, or one already withdrawn, is not found.
	 */
	@Transactional
	public Withdrawn withdraw(Actor actor, StudyId studyId, GrantId grantId, String reason) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "a reason is required");
		}
		if (reason.strip().length() > MAX_REASON) {
			throw new InvalidInputException("reason", "must be at most " + MAX_REASON + " characters");
		}
		Grant grant = store.find(grantId)
			.filter(g -> g.studyId().equals(studyId) && g.withdrawnAt() == null)
			.orElseThrow(() -> new NotFoundException("grant"));
		if (!store.withdraw(studyId, grantId, actor, reason.strip(), clock.instant())) {
			throw new NotFoundException("grant");
		}
		events.publishEvent(new GrantWithdrawn(clock.instant(), actor.asAuditActor(), studyId.value(), grantId,
				grant.subjectType(), grant.subjectId(), reason.strip()));
		Grant withdrawn = store.find(grantId).orElseThrow(() -> new NotFoundException("grant"));
		return new Withdrawn(entries.of(withdrawn, clock.instant()), entries.zone(study));
	}

	void requireSubject(SubjectType type, UUID id) {
		boolean exists = switch (type) {
			case USER -> users.find(new UserId(id)).isPresent();
			case GROUP -> groups.find(new GroupId(id)).isPresent();
		};
		if (!exists) {
			throw new InvalidInputException("subjectId", "no such " + type.name().toLowerCase());
		}
	}

}
