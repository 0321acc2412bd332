package org.studygate.directory;

import org.springframework.stereotype.Component;

/**
 * Whether a staff user may sign in with a local password, by his kind: the service desk,
 * a member of a department's source groups, or other staff. Where a hospital's identity
 * provider signs its staff in, their Studygate passwords can be switched off
 * (docs/decisions/056-openid-connect-sign-in.md).
 */
@Component
class LocalPasswords {

	private final SingleSignOnProperties.Passwords passwords;

	private final Directory directory;

	LocalPasswords(SingleSignOnProperties properties, Directory directory) {
		this.passwords = properties.passwords();
		this.directory = directory;
	}

	boolean allowed(UserId user) {
		return directory.actorOf(user).map(actor -> {
			if (actor.serviceDesk()) {
				return passwords.serviceDesk();
			}
			boolean departmentStaff = actor.memberships()
				.stream()
				.anyMatch(m -> m.kind() == GroupKind.SOURCE_USERS || m.kind() == GroupKind.SOURCE_ADMINS);
			return departmentStaff ? passwords.departmentStaff() : passwords.otherStaff();
		}).orElse(false);
	}

}
