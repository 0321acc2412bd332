package org.studygate.directory;

import java.util.Locale;

import org.studygate.InvalidInputException;

/**
 * What a user may change of his own profile, and the service desk of anyone's: the name
 * shown, contact data, whether colleagues may find him by that contact data, and his
 * language.
 */
public record ProfileChanges(String displayName, String email, String mobile, String language, boolean contactPublic) {

	public ProfileChanges {
		if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
			throw new InvalidInputException("displayName", "is required (at most 200 characters)");
		}
		displayName = displayName.strip();
		email = email == null || email.isBlank() ? null : email.strip();
		if (email != null && (!email.contains("@") || email.length() > 254)) {
			throw new InvalidInputException("email", "must be an e-mail address");
		}
		mobile = mobile == null || mobile.isBlank() ? null : mobile.strip();
		if (mobile != null && !mobile.matches("^\\+?[0-9 ]{6,20}$")) {
			throw new InvalidInputException("mobile", "must be a phone number");
		}
		language = language == null || language.isBlank() ? "en" : language.strip().toLowerCase(Locale.ROOT);
		if (!NewUser.LANGUAGES.contains(language)) {
			throw new InvalidInputException("language", "must be one of en, nl, fr, de");
		}
	}

	public static ProfileChanges of(UserView user) {
		return new ProfileChanges(user.displayName(), user.email(), user.mobile(), user.language(),
				user.contactPublic());
	}

}
