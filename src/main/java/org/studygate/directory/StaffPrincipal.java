package org.studygate.directory;

import java.io.Serializable;
import java.security.Principal;

/**
 * The authenticated staff user a session or a bearer token stands for. Its name is the
 * user id: the session store indexes sessions by it (at most 100 characters, and stable
 * when a username changes), so that every session of a user can be found.
 */
public record StaffPrincipal(UserId userId, String username) implements Principal, Serializable {

	@Override
	public String getName() {
		return userId.toString();
	}

}
