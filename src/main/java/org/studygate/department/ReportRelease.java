package org.studygate.department;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.studygate.InvalidInputException;

/**
 * When a final report becomes available to the patient (docs/guide/ris-interface.md,
 * decision 052): at once, a number of hours after it became final, or only once the
 * requesting physician or a source admin released it. The rule decides nothing when the
 * department's patient scope leaves the report out. Absent values take their defaults (at
 * once).
 *
 * @param rule the release rule
 * @param afterHours for {@link Rule#AFTER_HOURS}: the hours between the final report and
 * its release (1 to 8760); 0 for the other rules
 */
public record ReportRelease(Rule rule, Integer afterHours) {

	/** The longest delay: a year. */
	public static final int MAXIMUM_HOURS = 8760;

	/** The release rules. */
	public enum Rule {

		IMMEDIATELY, AFTER_HOURS, AFTER_PHYSICIAN_RELEASE

	}

	public ReportRelease {
		rule = rule == null ? Rule.IMMEDIATELY : rule;
		if (rule == Rule.AFTER_HOURS) {
			if (afterHours == null || afterHours < 1 || afterHours > MAXIMUM_HOURS) {
				throw new InvalidInputException("afterHours", "must be between 1 and " + MAXIMUM_HOURS + " hours");
			}
		}
		else {
			afterHours = 0;
		}
	}

	public static ReportRelease defaults() {
		return new ReportRelease(null, null);
	}

	/**
	 * The instant a report that became final at {@code finalAt} is available to the
	 * patient; empty when a release decides.
	 */
	public Optional<Instant> availableAt(Instant finalAt) {
		return switch (rule) {
			case IMMEDIATELY -> Optional.of(finalAt);
			case AFTER_HOURS -> Optional.of(finalAt.plus(Duration.ofHours(afterHours)));
			case AFTER_PHYSICIAN_RELEASE -> Optional.empty();
		};
	}

}
