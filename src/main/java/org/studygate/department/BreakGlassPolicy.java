package org.studygate.department;

import java.util.EnumSet;
import java.util.Set;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupKind;

/**
 * A department's break-the-glass policy (docs/product/02-domain.md, 05-workflows.md):
 * whether staff without access may unlock its studies in an emergency, which kinds of
 * staff, for how long, and how long their written reason must be at least. Absent values
 * take their defaults (decision 012).
 *
 * @param enabled whether unlocking is offered at all
 * @param durationHours how long an unlock lasts
 * @param minimumReasonLength the fewest characters a reason may have
 * @param allowedUsers the kinds of staff user who may unlock; empty or absent =
 * physicians only
 */
public record BreakGlassPolicy(Boolean enabled, Integer durationHours, Integer minimumReasonLength,
		Set<Unlocker> allowedUsers) {

	/**
	 * A kind of staff user who may break the glass. A user may be of several kinds; he
	 * may unlock when one of them is allowed.
	 */
	public enum Unlocker {

		/** A registered physician (holds a physician number). */
		PHYSICIAN,
		/** A member of a source group (users or admins) of another department. */
		SOURCE_USER,
		/** Any active staff user with an account. */
		ANY_STAFF

	}

	public BreakGlassPolicy {
		enabled = enabled == null ? Boolean.TRUE : enabled;
		durationHours = durationHours == null ? 24 : durationHours;
		minimumReasonLength = minimumReasonLength == null ? 20 : minimumReasonLength;
		allowedUsers = allowedUsers == null || allowedUsers.isEmpty() ? Set.of(Unlocker.PHYSICIAN)
				: Set.copyOf(EnumSet.copyOf(allowedUsers));
		if (durationHours < 1 || durationHours > 24 * 7) {
			throw new InvalidInputException("breakGlass.durationHours", "must be between 1 and 168 hours");
		}
		if (minimumReasonLength < 1 || minimumReasonLength > 500) {
			throw new InvalidInputException("breakGlass.minimumReasonLength", "must be between 1 and 500");
		}
	}

	public static BreakGlassPolicy defaults() {
		return new BreakGlassPolicy(null, null, null, null);
	}

	/**
	 * Whether the kind of user named (an {@link Unlocker} name) is allowed; for the
	 * settings page.
	 */
	public boolean allowsKind(String kind) {
		return allowedUsers.stream().anyMatch(k -> k.name().equals(kind));
	}

	/**
	 * Whether this policy lets the actor unlock a study of the department: the policy is
	 * enabled and the actor is a staff user of an allowed kind. Members of the
	 * department's own source groups and the service desk already have access and never
	 * need to unlock.
	 */
	public boolean allowsUnlockBy(Actor actor) {
		if (!enabled || !actor.isUser()) {
			return false;
		}
		if (allowedUsers.contains(Unlocker.ANY_STAFF)) {
			return true;
		}
		if (allowedUsers.contains(Unlocker.PHYSICIAN) && actor.isPhysician()) {
			return true;
		}
		return allowedUsers.contains(Unlocker.SOURCE_USER)
				&& (!actor.sourceDepartments(GroupKind.SOURCE_USERS).isEmpty()
						|| !actor.sourceDepartments(GroupKind.SOURCE_ADMINS).isEmpty());
	}

}
