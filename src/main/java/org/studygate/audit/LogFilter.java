package org.studygate.audit;

import java.time.LocalDate;
import java.util.List;
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

	/**
	 * The actions the log names in words, one {@code log.action.<ACTION>} key each in
	 * every language (decision 063), in the order of the bundle: what the Study logging
	 * tab offers to filter by, by name (decision 064).
	 */
	public static final List<String> ACTIONS = List.of("STUDY_OPENED", "IMAGES_RETRIEVED", "DOWNLOADED", "REPORT_READ",
			"FORWARD_REQUESTED", "FORWARDED", "FORWARD_FAILED", "FORWARD_CANCELLED", "STUDY_UNLOCKED",
			"STUDIES_QUERIED", "STUDIES_LISTED", "RSW_SENT", "RSW_SEND", "ACCESS_GRANTED", "GRANT_WITHDRAWN",
			"ACCESS_TAB_OPENED", "ACCESS_EXPLAINED", "STUDY_LOG_READ", "STUDY_SHARED", "SHARE_NOTIFICATION_QUEUED",
			"GIVING_REFUSED", "STUDY_REGISTERED", "STUDY_ARRIVED", "STUDY_CANCELLED", "STUDY_UNCANCELLED",
			"PATIENT_MERGED", "UNMATCHED_STUDY_ASSIGNED", "UNLOCK_EXPIRED", "UNLOCK_REFUSED", "UNLOCK_REVIEWED",
			"UNLOCK_REVOKED", "EMERGENCY_ACCESS_SEARCHED", "EMERGENCY_ACCESS_MISSED", "PATIENT_LOGIN", "PATIENT_OTP",
			"PATIENT_PAYMENT", "BIRTH_DATE_ENTERED", "REFERENCE_NUMBER_CLAIM", "REFERENCE_NUMBER_ISSUED",
			"REFERENCE_NUMBER_REVEALED", "REFERENCE_NUMBER_PINCODE_REVEALED", "REFERENCE_NUMBER_WITHDRAWN",
			"REFERENCE_NUMBER_UNBLOCKED", "REFERENCE_NUMBER_SUPERSEDED", "REFERENCE_NUMBER_PAYMENT_RECEIVED",
			"BUCKET_CREATED", "BUCKET_LETTER_PRINTED", "BUCKET_REVOKED", "BUCKET_STUDY_REMOVED", "BUCKET_REMOVED",
			"BUCKET_UNBLOCKED", "BUCKET_CODE_RENEWED", "BUCKET_REFUSED", "BUCKET_SHARE_CODE_QUEUED", "LIST",
			"VIEW_IMAGES", "VIEW_REPORT", "DOWNLOAD", "FORWARD", "SHARE", "MANAGE_ACCESS", "READ_LOG", "RELEASE_REPORT",
			"STAFF_LOGIN", "AUDIT_EXPORT_READ", "ACCESS_LOG_ARCHIVED", "IMAGES_VIEWED", "REPORT_RELEASED",
			"STUDY_RESTRICTED", "STUDY_UNRESTRICTED", "ACCESS_EXCLUDED", "EXCLUSION_RESTORED", "PATIENT_PINCODE",
			"ORDER_PLACED");

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

	/**
	 * This filter, when its action is none or one of {@link #ACTIONS}; a study's log
	 * refuses any other (decision 064).
	 * @throws InvalidInputException for an action the log does not know
	 */
	public LogFilter withListedAction() {
		if (action != null && !ACTIONS.contains(action)) {
			throw new InvalidInputException("action", "is not one of the log's actions");
		}
		return this;
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
