package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.Groups;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Withdrawing and restoring the implicit lines of the Users section (decision 060): an
 * exclusion shuts the requester, copy, practice and grant paths for its user (or for the
 * members of its group) on one study, before they are asked. Whoever may withdraw grants
 * on the study may (MANAGE_ACCESS: its source admins and the service desk); the source
 * groups cannot be excluded (a restriction is the tool for the department's own staff).
 */
@Service
public class Exclusions {

	private final ExclusionStore store;

	private final AccessControl access;

	private final AccessEntries entries;

	private final Grants grants;

	private final Groups groups;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Exclusions(ExclusionStore store, AccessControl access, AccessEntries entries, Grants grants, Groups groups,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.access = access;
		this.entries = entries;
		this.grants = grants;
		this.groups = groups;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Withdraws the user's or group's implicit way into the study with a reason; it
	 * permits nothing from the next request on. A subject already excluded is a conflict,
	 * a source group is refused.
	 * @return the exclusion and the Users line that now shows it
	 */
	@Transactional
	public Grants.Withdrawn exclude(Actor actor, StudyId studyId, SubjectType type, UUID subjectId, String reason) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		String text = reason(reason);
		if (type == null || subjectId == null) {
			throw new InvalidInputException("userId", "name exactly one of userId and groupId");
		}
		grants.requireSubject(type, subjectId);
		if (type == SubjectType.GROUP && groups.find(new GroupId(subjectId))
			.filter(g -> g.kind() == GroupKind.SOURCE_ADMINS || g.kind() == GroupKind.SOURCE_USERS)
			.isPresent()) {
			throw new ConflictException("the department's own groups cannot be withdrawn; restrict the study instead");
		}
		if (store.inForce(studyId, type, subjectId).isPresent()) {
			throw new ConflictException("this access is withdrawn already");
		}
		String path = entries.of(study)
			.stream()
			.filter(e -> e.subjectType() == type && subjectId.equals(e.subjectId()))
			.map(AccessEntry::origin)
			.findFirst()
			.orElse(null);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Exclusion exclusion = new Exclusion(UUID.randomUUID(), studyId.value(), type, subjectId, path, now,
				actor.userId() == null ? null : actor.userId().value(), actor.name(), text, null, null);
		store.insert(exclusion);
		events.publishEvent(new AccessExcluded(now, actor.asAuditActor(), exclusion, false));
		AccessEntry line = entries.of(study)
			.stream()
			.filter(e -> exclusion.id().equals(e.exclusionId()))
			.findFirst()
			.orElseThrow();
		return new Grants.Withdrawn(line, entries.zone(study));
	}

	/** The exclusion in force with this id on the study. */
	public Exclusion find(StudyId studyId, UUID exclusionId) {
		return store.find(exclusionId)
			.filter(e -> e.studyId().equals(studyId.value()) && e.inForce())
			.orElseThrow(() -> new NotFoundException("exclusion"));
	}

	/**
	 * Restores a withdrawn implicit way in: the paths it shut open again on the next
	 * request. One of another study, or one restored already, is not found.
	 */
	@Transactional
	public void restore(Actor actor, StudyId studyId, UUID exclusionId) {
		access.require(actor, studyId, Action.MANAGE_ACCESS);
		Exclusion exclusion = find(studyId, exclusionId);
		Instant now = clock.instant();
		if (!store.restore(studyId, exclusionId, actor.userId() == null ? null : actor.userId().value(), actor.name(),
				now)) {
			throw new NotFoundException("exclusion");
		}
		events.publishEvent(new AccessExcluded(now, actor.asAuditActor(), exclusion, true));
	}

	private static String reason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "a reason is required");
		}
		if (reason.strip().length() > Grants.MAX_REASON) {
			throw new InvalidInputException("reason", "must be at most " + Grants.MAX_REASON + " characters");
		}
		return reason.strip();
	}

}
