package org.studygate.audit;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.studygate.InvalidInputException;

/**
 * The filters of a log view (Study logging tab, global search, API). Every field is
 * optional; dates are whole UTC days, {@code to} included. Values outside the known sets
 * are refused rather than matched against nothing.
 */
public record LogFilter(String action, String actor, String channel, String outcome, LocalDate from, LocalDate to,
		String kind) {

	/**
	 * The actions that are accesses to a study (its images, report or data looked at,
	 * downloaded, forwarded or unlocked); every other action is administration
	 * (docs/guide/access-log.md).
	 */
	public static final Set<String> ACCESSES = Set.of("STUDY_OPENED", "IMAGES_RETRIEVED", "DOWNLOADED", "REPORT_READ",
			"FORWARD_REQUESTED", "FORWARDED", "FORWARD_FAILED", "FORWARD_CANCELLED", "STUDY_UNLOCKED",
			"STUDIES_QUERIED", "RSW_SENT");

	/** The kinds of the filter "accesses / administration / all". */
	public static final Set<String> KINDS = Set.of("ACCESSES", "ADMINISTRATION");

	public LogFilter(String action, String actor, String channel, String outcome, LocalDate from, LocalDate to) {
		this(action, actor, channel, outcome, from, to, null);
	}

	/** The channels an entry may name (docs/product/02-domain.md). */
	public static final Set<String> CHANNELS = Set.of("EXPLORE", "VIEWER", "DICOMWEB", "API", "PATIENT_PORTAL",
			"BUCKET");

	private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z_]{0,63}");

	public LogFilter {
		action = upper(action);
		channel = upper(channel);
		outcome = upper(outcome);
		kind = upper(kind);
		if (kind != null && !KINDS.contains(kind)) {
			throw new InvalidInputException("kind", "is not ACCESSES or ADMINISTRATION");
		}
		actor = actor == null || actor.isBlank() ? null : actor.trim();
		if (action != null && !ACTION.matcher(action).matches()) {
			throw new InvalidInputException("action", "is not an action name");
		}
		if (channel != null && !CHANNELS.contains(channel)) {
			throw new InvalidInputException("channel", "is not one of " + CHANNELS);
		}
		if (outcome != null) {
			try {
				AuditOutcome.valueOf(outcome);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("outcome", "is not SUCCESS, DENIED or FAILURE");
			}
		}
		if (actor != null && actor.length() > 200) {
			throw new InvalidInputException("actor", "is longer than 200 characters");
		}
		if (from != null && to != null && from.isAfter(to)) {
			throw new InvalidInputException("from", "is after to");
		}
	}

	public static LogFilter none() {
		return new LogFilter(null, null, null, null, null, null);
	}

	public boolean isEmpty() {
		return action == null && actor == null && channel == null && outcome == null && from == null && to == null
				&& kind == null;
	}

	private static String upper(String value) {
		return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
	}

}
