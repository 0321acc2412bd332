package org.studygate.department;

import org.studygate.InvalidInputException;

/**
 * A department's break-the-glass policy (SPEC §2, §5): whether staff without access may unlock its
 * studies in an emergency, for how long, and how long their written reason must be at least.
 * Absent values take their defaults.
 *
 * @param enabled whether unlocking is offered at all
 * @param durationHours how long an unlock lasts
 * @param minimumReasonLength the fewest characters a reason may have
 */
public record BreakGlassPolicy(Boolean enabled, Integer durationHours, Integer minimumReasonLength) {

	public BreakGlassPolicy {
		enabled = enabled == null ? Boolean.TRUE : enabled;
		durationHours = durationHours == null ? 24 : durationHours;
		minimumReasonLength = minimumReasonLength == null ? 20 : minimumReasonLength;
		if (durationHours < 1 || durationHours > 24 * 7) {
			throw new InvalidInputException("breakGlass.durationHours", "must be between 1 and 168 hours");
		}
		if (minimumReasonLength < 1 || minimumReasonLength > 500) {
			throw new InvalidInputException("breakGlass.minimumReasonLength", "must be between 1 and 500");
		}
	}

	public static BreakGlassPolicy defaults() {
		return new BreakGlassPolicy(null, null, null);
	}

}
