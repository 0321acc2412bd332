package org.studygate.bucket;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.studygate.InvalidInputException;
import org.studygate.access.GrantScope;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.study.StudyId;

/**
 * A request to print a reference number (docs/product/05-workflows.md): the studies, the
 * verification, the scope, the reason (mandatory, never printed), the letter's language,
 * the last valid day (department's time zone; {@code null} = one month), the patient's
 * agreement (mandatory) and an optional label.
 */
public record NewBucket(List<StudyId> studyIds, Verification verification, GrantScope scope, String reason,
		String language, LocalDate validUntil, boolean patientAgreed, String label) {

	public static final Set<String> LANGUAGES = Set.of("en", "nl", "fr", "de");

	public static final int MAX_STUDIES = 100;

	public NewBucket {
		if (studyIds == null || studyIds.isEmpty()) {
			throw new InvalidInputException("studyIds", "choose at least one study");
		}
		if (studyIds.size() > MAX_STUDIES) {
			throw new InvalidInputException("studyIds", "at most " + MAX_STUDIES + " studies at once");
		}
		if (verification == null || verification == Verification.PAYMENT_PINCODE) {
			throw new InvalidInputException("verification", "must be OTP_SMS, OTP_EMAIL or DOB_ONLY");
		}
		if (scope == null || scope == GrantScope.IMAGES_REPORT_WRITE) {
			throw new InvalidInputException("scope", "must be IMAGES or IMAGES_REPORT_READ");
		}
		reason = reason == null ? "" : reason.strip();
		if (reason.isEmpty() || reason.length() > 1000) {
			throw new InvalidInputException("reason", "a reason (at most 1000 characters) is required");
		}
		language = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
		if (!LANGUAGES.contains(language)) {
			throw new InvalidInputException("language", "must be en, nl, fr or de");
		}
		if (!patientAgreed) {
			throw new InvalidInputException("patientAgreed", "the patient must have agreed");
		}
		label = label == null || label.isBlank() ? null : label.strip();
		if (label != null && label.length() > 200) {
			throw new InvalidInputException("label", "must be at most 200 characters");
		}
		studyIds = List.copyOf(studyIds.stream().distinct().toList());
	}

}
