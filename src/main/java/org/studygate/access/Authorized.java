package org.studygate.access;

import java.time.Instant;
import java.util.Objects;

import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

/**
 * Access decided (decision 038): the actor may take the action on the study now, along
 * the way in that permits it. Only {@link AccessControl#require} makes one, after it has
 * decided and logged, so a method that takes an {@code Authorized} instead of a bare
 * {@link Study} needs no decision of its own and cannot be handed a study nobody decided.
 * It answers one request: it is never stored, and the next request decides again (a
 * withdrawal takes effect at once).
 */
public final class Authorized {

	private final Actor actor;

	private final Study study;

	private final Action action;

	private final Decision.Permitted permittedBy;

	Authorized(Actor actor, Study study, Action action, Decision.Permitted permittedBy) {
		this.actor = Objects.requireNonNull(actor, "actor");
		this.study = Objects.requireNonNull(study, "study");
		this.action = Objects.requireNonNull(action, "action");
		this.permittedBy = Objects.requireNonNull(permittedBy, "permittedBy");
	}

	/** Who may take the action. */
	public Actor actor() {
		return actor;
	}

	/** The study, for any use of the action decided. */
	public Study study() {
		return study;
	}

	public StudyId studyId() {
		return study.id();
	}

	/** The action decided. */
	public Action action() {
		return action;
	}

	/** The way in that permits the action, with its basis. */
	public Decision.Permitted permittedBy() {
		return permittedBy;
	}

	/** When that way in ends; {@code null} when it has no end. */
	public Instant until() {
		return permittedBy.until();
	}

	/**
	 * The study, for a use that needs the given action; access decided for another action
	 * is a mistake of the caller, not a refusal.
	 * @throws IllegalArgumentException when the decision was for another action
	 */
	public Study study(Action needed) {
		if (action != needed) {
			throw new IllegalArgumentException("decided " + action + ", but " + needed + " is needed");
		}
		return study;
	}

	@Override
	public String toString() {
		return "Authorized[" + actor.name() + " " + action + " " + study.id() + " via " + permittedBy.path() + "]";
	}

}
