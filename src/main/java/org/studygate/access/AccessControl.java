package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.studygate.NotFoundException;
import org.studygate.UnlockRequiredException;
import org.studygate.directory.Actor;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyColumns;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * THE decision point: may actor A take action X on study S now, and why? Every surface
 * (pages, the REST API, DICOMweb, downloads, forwarding) asks here, and the lists show
 * exactly the studies for which {@link Action#LIST} is permitted. Nothing is cached: a
 * withdrawal takes effect on the next request.
 */
@Service
public class AccessControl {

	private final List<AccessPath> paths;

	private final Studies studies;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ExclusionStore exclusions;

	private final RestrictionStore restrictions;

	AccessControl(List<AccessPath> paths, Studies studies, ApplicationEventPublisher events, Clock clock,
			ExclusionStore exclusions, RestrictionStore restrictions) {
		this.exclusions = exclusions;
		this.restrictions = restrictions;
		this.paths = List.copyOf(paths);
		this.studies = studies;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Decides without side effects. A cancelled study is open only along the paths that
	 * open cancelled studies (source admins and the service desk).
	 */
	public Decision decide(Actor actor, Study study, Action action) {
		return decide(actor, study, action, clock.instant());
	}

	/** The decision at a given instant, for tests that move through time. */
	Decision decide(Actor actor, Study study, Action action, Instant now) {
		return decide(actor, study, action, now, null);
	}

	/**
	 * The decision with the exclusions and restriction already read ({@code reads}), or
	 * read here when {@code null}.
	 */
	private Decision decide(Actor actor, Study study, Action action, Instant now, StudyReads reads) {
		ExclusionStore.Excluded excluded = reads != null ? reads.excluded() : exclusions.of(study.id(), actor);
		for (AccessPath path : paths) {
			if (closed(study, path, excluded)) {
				continue;
			}
			var permitted = path.permits(actor, study, action, now);
			if (permitted.isPresent()) {
				return action == Action.LIST ? permitted.get()
						: opened(actor, study, action, now, permitted.get(), reads);
			}
		}
		return new Decision.Denied(study.cancelled() ? "the study is cancelled" : "no way in for " + action);
	}

	/**
	 * The restriction's gate on a way in: denied for a restricted study (decision 060)
	 * the actor has not unlocked, unless the path passes restrictions (service desk,
	 * source admins, unlocks, codes). Beyond listing, a restricted study opens only along
	 * those paths or to a user with an unlock in force; anyone else entitled to it is
	 * denied until he unlocks it.
	 */
	private Decision opened(Actor actor, Study study, Action action, Instant now, Decision.Permitted permitted,
			StudyReads reads) {
		if (RESTRICTION_PASSES.contains(permitted.path())
				|| !(reads != null ? reads.restricted() : restrictions.isRestricted(study.id()))) {
			return permitted;
		}
		// the first path that permits need not be the one that passes: a source admin who
		// also holds a grant is not asked to unlock
		ExclusionStore.Excluded excluded = reads != null ? reads.excluded() : exclusions.of(study.id(), actor);
		for (AccessPath path : paths) {
			if (!RESTRICTION_PASSES.contains(path.name()) || closed(study, path, excluded)) {
				continue;
			}
			var passing = path.permits(actor, study, action, now);
			if (passing.isPresent()) {
				return passing.get();
			}
			if (path.name() == PathName.UNLOCK && path.permits(actor, study, Action.LIST, now).isPresent()) {
				return permitted;
			}
		}
		return new Decision.Denied(RESTRICTED);
	}

	/** The denial of an entitled user on a restricted study he has not unlocked. */
	static final String RESTRICTED = "the study is restricted and not unlocked";

	private static final java.util.Set<PathName> RESTRICTION_PASSES = java.util.EnumSet.of(PathName.SERVICE_DESK,
			PathName.SOURCE_ADMIN, PathName.UNLOCK, PathName.CODE_SESSION);

	/**
	 * Whether a path is closed on this study before it is asked: a cancelled study opens
	 * only along the paths that open cancelled studies, and an exclusion in force shuts
	 * the paths it reaches (decision 060).
	 */
	private static boolean closed(Study study, AccessPath path, ExclusionStore.Excluded excluded) {
		return (study.cancelled() && !path.opensCancelledStudies()) || excluded.shuts(path.exclusionReach());
	}

	/**
	 * Which tabs of a study's page the actor may open, and whether he may share it; asks,
	 * logs nothing. Whoever manages access also reads the log.
	 */
	public StudyTabs tabs(Actor actor, Study study) {
		boolean manage = decide(actor, study, Action.MANAGE_ACCESS).isPermitted();
		return new StudyTabs(study.id(), manage, manage || decide(actor, study, Action.READ_LOG).isPermitted(),
				decide(actor, study, Action.SHARE).isPermitted());
	}

	/**
	 * Every path that permits the action now, not only the first one; for explaining a
	 * decision to those who manage access, never for deciding.
	 */
	public List<Decision.Permitted> allPermitting(Actor actor, Study study, Action action) {
		Instant now = clock.instant();
		ExclusionStore.Excluded excluded = exclusions.of(study.id(), actor);
		List<Decision.Permitted> all = new java.util.ArrayList<>();
		for (AccessPath path : paths) {
			if (closed(study, path, excluded)) {
				continue;
			}
			path.permits(actor, study, action, now).ifPresent(all::add);
		}
		return all;
	}

	/**
	 * The way in that permits the action now for longest: one without an end if there is
	 * any, otherwise the one ending last; denied like {@link #decide}. For the rule that
	 * a gift never outlasts the giver's own access (decision 030).
	 */
	public Decision reach(Actor actor, Study study, Action action) {
		Decision.Permitted longest = null;
		for (Decision.Permitted permitted : allPermitting(actor, study, action)) {
			if (permitted.until() == null) {
				return permitted;
			}
			if (longest == null || permitted.until().isAfter(longest.until())) {
				longest = permitted;
			}
		}
		return longest != null ? longest : decide(actor, study, action);
	}

	/**
	 * Loads a study for an action the actor is about to take and decides it: the one way
	 * to an {@link Authorized} (decision 038). A denial is published for the log; then a
	 * study the actor may not even list is not found (so that identifiers cannot be
	 * probed) and any other denial is refused.
	 * @return the decided access: the actor, the study, the action and the path that
	 * permits it
	 * @throws NotFoundException when the study does not exist or the actor may not list
	 * it
	 * @throws AccessDeniedException when the actor may list it but not take the action;
	 * an {@link UnlockRequiredException} when the study is restricted and he has not
	 * unlocked it (decision 060; one study asked for by id is opened, so the restriction
	 * applies to {@link Action#LIST} here, though not in lists)
	 */
	public Authorized require(Actor actor, StudyId id, Action action) {
		// the exclusions naming the actor and the restriction are read with the study
		// (docs/decisions/079-access-tab-reads-once.md)
		StudyColumns.With<StudyReads> found = studies.find(id, StudyReads.columns(actor))
			.orElseThrow(() -> notFound(actor, id.value(), action, "no such study"));
		return required(actor, found.study(), action, found.columns());
	}

	/**
	 * {@link #require} for the study with a Study Instance UID, as the DICOMweb gateway
	 * names studies: the study is loaded by its UID in the same query that loads its
	 * physicians (docs/decisions/067-gateway-fixed-cost.md), the exclusions that name the
	 * actor and its restriction (docs/decisions/076-gateway-in-two-queries.md). An
	 * unknown UID is not found, the refusal logged.
	 */
	public Authorized requireByUid(Actor actor, String studyInstanceUid, Action action) {
		StudyColumns.With<StudyReads> found = studies.findByUid(studyInstanceUid, StudyReads.columns(actor))
			.orElseThrow(
					() -> notFound(actor, null, action, "no study has the Study Instance UID " + studyInstanceUid));
		return required(actor, found.study(), action, found.columns());
	}

	private Authorized required(Actor actor, Study study, Action action, StudyReads reads) {
		StudyId id = study.id();
		Instant now = clock.instant();
		Decision decision = decide(actor, study, action, now, reads);
		if (action == Action.LIST && decision instanceof Decision.Permitted listed) {
			// one study asked for by id is opened, not listed: a restriction applies
			decision = opened(actor, study, Action.LIST, now, listed, reads);
		}
		if (decision instanceof Decision.Permitted permitted) {
			return new Authorized(actor, study, action, permitted);
		}
		Decision.Denied denied = (Decision.Denied) decision;
		events
			.publishEvent(new AccessDenied(clock.instant(), actor.asAuditActor(), id.value(), action, denied.reason()));
		if (RESTRICTED.equals(denied.reason())) {
			throw new UnlockRequiredException(id.value());
		}
		if (action == Action.LIST || !decide(actor, study, Action.LIST, now, reads).isPermitted()) {
			throw new NotFoundException("study");
		}
		throw new AccessDeniedException(denied.reason());
	}

	private NotFoundException notFound(Actor actor, java.util.UUID study, Action action, String reason) {
		events.publishEvent(new AccessDenied(clock.instant(), actor.asAuditActor(), study, action, reason));
		return new NotFoundException("study");
	}

	/** The studies the actor may list now, as one condition for the list query. */
	public StudyCondition visibleStudies(Actor actor) {
		return visibleStudies(actor, clock.instant());
	}

	/** The list condition at a given instant, for tests that move through time. */
	StudyCondition visibleStudies(Actor actor, Instant now) {
		StudyCondition open = StudyCondition.never();
		StudyCondition cancelledToo = StudyCondition.never();
		for (AccessPath path : paths) {
			StudyCondition condition = path.listCondition(actor, now);
			if (!condition.isNever()) {
				condition = condition.and(ExclusionStore.notExcluded(actor, path.exclusionReach()));
			}
			if (path.opensCancelledStudies()) {
				cancelledToo = cancelledToo.or(condition);
			}
			else {
				open = open.or(condition);
			}
		}
		return cancelledToo.or(open.and(StudyCondition.notCancelled()));
	}

}
