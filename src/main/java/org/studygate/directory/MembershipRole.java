package org.studygate.directory;

import java.util.Locale;

import org.studygate.InvalidInputException;

/** A member's role in a group: admins manage the group's members and details. */
public enum MembershipRole {

	MEMBER, ADMIN;

	/** The role a client named, or {@code MEMBER} when he named none. */
	public static MembershipRole parse(String field, String value) {
		if (value == null || value.isBlank()) {
			return MEMBER;
		}
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "must be MEMBER or ADMIN");
		}
	}

}
