package org.studygate.bucket;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.studygate.InvalidInputException;
import org.studygate.access.GrantScope;
import org.studygate.study.StudyId;

/**
 * A share to a person without an account (docs/product/05-workflows.md): the studies, an
 * e-mail address or a mobile number (one of the two), the scope, the last valid day
 * ({@code null} = the department's share default), an optional message and the language
 * of the message sent.
 */
public record NewShareCode(List<StudyId> studyIds, String email, String mobile, GrantScope scope, LocalDate validUntil,
		String message, String language) {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,250}\\.[^@\\s]{1,63}");

	private static final Pattern MOBILE = Pattern.compile("\\+?[0-9]{8,15}");

	public NewShareCode {
		if (studyIds == null || studyIds.isEmpty()) {
			throw new InvalidInputException("studyIds", "choose at least one study");
		}
		if (studyIds.size() > NewBucket.MAX_STUDIES) {
			throw new InvalidInputException("studyIds", "at most " + NewBucket.MAX_STUDIES + " studies at once");
		}
		email = email == null || email.isBlank() ? null : email.strip();
		mobile = mobile == null || mobile.isBlank() ? null : mobile.replaceAll("[\\s\\-()./]", "");
		if ((email == null) == (mobile == null)) {
			throw new InvalidInputException("recipient", "give either an e-mail address or a mobile number");
		}
		if (email != null && !EMAIL.matcher(email).matches()) {
			throw new InvalidInputException("email", "not an e-mail address");
		}
		if (mobile != null && !MOBILE.matcher(mobile).matches()) {
			throw new InvalidInputException("mobile", "not a mobile number");
		}
		if (scope == null || scope == GrantScope.IMAGES_REPORT_WRITE) {
			throw new InvalidInputException("scope", "must be IMAGES or IMAGES_REPORT_READ");
		}
		message = message == null || message.isBlank() ? null : message.strip();
		if (message != null && message.length() > 1000) {
			throw new InvalidInputException("message", "must be at most 1000 characters");
		}
		language = language == null || language.isBlank() ? "en" : language.strip().toLowerCase(Locale.ROOT);
		if (!NewBucket.LANGUAGES.contains(language)) {
			throw new InvalidInputException("language", "must be en, nl, fr or de");
		}
		studyIds = List.copyOf(studyIds.stream().distinct().toList());
	}

}
