package org.studygate.directory;

import java.io.Serializable;

/** The authenticated staff user a session or a bearer token stands for. */
public record StaffPrincipal(UserId userId, String username) implements Serializable {

}
