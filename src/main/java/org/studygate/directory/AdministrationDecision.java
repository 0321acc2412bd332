package org.studygate.directory;

import org.studygate.NotFoundException;

import org.springframework.security.access.AccessDeniedException;

/**
 * The answer of the {@link AdministrationPolicy}: allowed with its basis, or refused with
 * a reason. A refusal hides what the actor may not even see, so that identifiers cannot
 * be probed.
 */
public sealed interface AdministrationDecision {

	record Allowed(String basis) implements AdministrationDecision {

	}

	/**
	 * @param hidden whether the actor may not know the object exists (answered as not
	 * found)
	 */
	record Refused(boolean hidden, String reason) implements AdministrationDecision {

	}

	default boolean isAllowed() {
		return this instanceof Allowed;
	}

	/**
	 * Turns a refusal into the exception the web layer answers with: 404 for what the
	 * actor may not see, 403 for what he sees but may not change.
	 */
	default void enforce() {
		if (this instanceof Refused refused) {
			if (refused.hidden()) {
				throw new NotFoundException("group");
			}
			throw new AccessDeniedException(refused.reason());
		}
	}

}
