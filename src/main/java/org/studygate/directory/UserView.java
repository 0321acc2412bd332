package org.studygate.directory;

import java.time.Instant;
import java.util.List;

/** A staff user as shown to administrators. Never carries the password hash. */
public record UserView(UserId id, String username, String displayName, String email, String mobile,
		boolean contactPublic, String language, boolean serviceDesk, UserStatus status, int failedLogins,
		List<String> physicianNumbers, Instant createdAt) {

}
