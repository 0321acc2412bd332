package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Restricted studies (docs/decisions/060-exclusions-and-restricted-studies.md): the
 * sending department's source admins (and the service desk) mark a study restricted with
 * a reason; the decision point then opens it beyond listing only to them, to code
 * sessions and to users with an unlock in force.
 */
@Service
public class Restrictions {

	/** Longest reason accepted. */
	static final int MAX_REASON = 500;

	private final RestrictionStore store;

	private final AccessControl access;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Restrictions(RestrictionStore store, AccessControl access, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.access = access;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Marks the study restricted or lifts its restriction, with a reason. Only the
	 * department's source admins and the service desk; a study the actor may not list is
	 * not found. Setting what is already set changes nothing and logs nothing.
	 * @return the restriction now, empty when the study is not restricted
	 */
	@Transactional
	public Optional<Restriction> restrict(Actor actor, StudyId studyId, boolean restricted, String reason) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		if (!actor.administers(study.departmentId())) {
			throw new AccessDeniedException("only the department's admins restrict its studies");
		}
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "a reason is required");
		}
		String text = reason.strip();
		if (text.length() > MAX_REASON) {
			throw new InvalidInputException("reason", "must be at most " + MAX_REASON + " characters");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		boolean changed = restricted ? store.restrict(studyId, actor.userId() == null ? null : actor.userId().value(),
				actor.name(), text, now) : store.lift(studyId);
		if (changed) {
			events.publishEvent(new StudyRestricted(now, actor.asAuditActor(), studyId.value(), restricted, text));
		}
		return store.find(studyId);
	}

	/**
	 * The study's restriction, for its page's panel; to whoever manages its access.
	 */
	@Transactional(readOnly = true)
	public Optional<Restriction> find(Actor actor, StudyId studyId) {
		return store.find(access.require(actor, studyId, Action.MANAGE_ACCESS).study().id());
	}

	/** Which of these studies are restricted, for showing them locked in a list. */
	public Set<UUID> restrictedAmong(Collection<UUID> studies) {
		return store.restrictedAmong(studies);
	}

	/**
	 * Whether the study is restricted (break-the-glass asks before offering an unlock).
	 */
	public boolean isRestricted(StudyId study) {
		return store.isRestricted(study);
	}

}
