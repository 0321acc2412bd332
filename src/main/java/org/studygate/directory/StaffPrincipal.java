package org.studygate.directory;

import java.io.Serializable;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The authenticated staff user a session or a bearer token stands for. Its name is the username,
 * which is what session indexes and logs show.
 */
public record StaffPrincipal(UserId userId, String username) implements AuthenticatedPrincipal, Serializable {

	@Override
	public String getName() {
		return username;
	}

}
