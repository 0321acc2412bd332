package org.studygate.access;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.study.StudyId;

/**
 * A share (docs/product/05-workflows.md): studies of one department, up to three
 * recipients, the rights to give.
 *
 * @param validUntil the last day of access in the department's time zone; {@code null} =
 * the department's default
 * @param message the sharer's text for the recipients, at most {@value #MAX_MESSAGE}
 * characters
 * @param notifyRecipients whether the recipients are told by e-mail
 * @param mayTransfer whether the recipients may download the studies and forward them to
 * their PACS
 */
public record ShareRequest(List<StudyId> studyIds, List<Recipient> recipients, GrantScope scope, boolean mayShare,
		LocalDate validUntil, String message, boolean notifyRecipients, boolean mayTransfer) {

	/** A share that gives no download or forward. */
	public ShareRequest(List<StudyId> studyIds, List<Recipient> recipients, GrantScope scope, boolean mayShare,
			LocalDate validUntil, String message, boolean notifyRecipients) {
		this(studyIds, recipients, scope, mayShare, validUntil, message, notifyRecipients, false);
	}

	public static final int MAX_RECIPIENTS = 3;

	public static final int MAX_STUDIES = 100;

	public static final int MAX_MESSAGE = 1000;

	/** Whom to share with. */
	public enum RecipientType {

		USER, GROUP,
		/** A department: its source users group. */
		DEPARTMENT

	}

	public record Recipient(RecipientType type, UUID id) {

		public Recipient {
			if (type == null || id == null) {
				throw new InvalidInputException("recipients", "each recipient needs a type and an id");
			}
		}

	}

	public ShareRequest {
		if (studyIds == null || studyIds.isEmpty()) {
			throw new InvalidInputException("studyIds", "choose at least one study");
		}
		if (studyIds.size() > MAX_STUDIES) {
			throw new InvalidInputException("studyIds", "at most " + MAX_STUDIES + " studies at once");
		}
		if (recipients == null || recipients.isEmpty()) {
			throw new InvalidInputException("recipients", "choose at least one recipient");
		}
		if (recipients.size() > MAX_RECIPIENTS) {
			throw new InvalidInputException("recipients", "at most " + MAX_RECIPIENTS + " recipients");
		}
		if (scope == null) {
			throw new InvalidInputException("scope", "must be IMAGES, IMAGES_REPORT_READ or IMAGES_REPORT_WRITE");
		}
		if (message != null && message.length() > MAX_MESSAGE) {
			throw new InvalidInputException("message", "must be at most " + MAX_MESSAGE + " characters");
		}
		studyIds = List.copyOf(studyIds.stream().distinct().toList());
		recipients = List.copyOf(recipients.stream().distinct().toList());
		message = message == null || message.isBlank() ? null : message.strip();
	}

}
