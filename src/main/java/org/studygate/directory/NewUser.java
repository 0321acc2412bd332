package org.studygate.directory;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.studygate.InvalidInputException;

/**
 * A staff user to register.
 *
 * @param username the e-mail address the user logs in with
 * @param physicianNumbers the physician numbers of a physician; empty for other staff
 */
public record NewUser(String username, String displayName, Password password, List<String> physicianNumbers,
		String email, String mobile, String language, boolean contactPublic, boolean serviceDesk) {

	private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._%+-]{1,64}(@[A-Za-z0-9.-]{1,190})?$");

	private static final Pattern PHYSICIAN_NUMBER = Pattern.compile("^[A-Za-z0-9./-]{3,32}$");

	public static final Set<String> LANGUAGES = Set.of("en", "nl", "fr", "de");

	public NewUser {
		if (username == null || !USERNAME.matcher(username.trim()).matches()) {
			throw new InvalidInputException("username", "must be an e-mail address or a short login name");
		}
		username = username.trim().toLowerCase(Locale.ROOT);
		if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
			throw new InvalidInputException("displayName", "is required (at most 200 characters)");
		}
		displayName = displayName.strip();
		if (password == null) {
			throw new InvalidInputException("password", "is required");
		}
		physicianNumbers = physicianNumbers == null ? List.of() : List.copyOf(physicianNumbers);
		for (String number : physicianNumbers) {
			if (number == null || !PHYSICIAN_NUMBER.matcher(number).matches()) {
				throw new InvalidInputException("physicianNumber", "must be 3 to 32 letters, digits, '.', '/' or '-'");
			}
		}
		if (email != null && !email.isBlank() && !email.contains("@")) {
			throw new InvalidInputException("email", "must be an e-mail address");
		}
		if (mobile != null && !mobile.isBlank() && !mobile.matches("^\\+?[0-9 ]{6,20}$")) {
			throw new InvalidInputException("mobile", "must be a phone number");
		}
		language = language == null || language.isBlank() ? "en" : language.toLowerCase(Locale.ROOT);
		if (!LANGUAGES.contains(language)) {
			throw new InvalidInputException("language", "must be one of en, nl, fr, de");
		}
	}

}
