package org.studygate.department;

import java.util.Locale;

import org.studygate.InvalidInputException;
import org.studygate.directory.GroupKind;

/**
 * The role a member of a department's staff has: he belongs to its users or to its admins
 * group.
 */
public enum SourceRole {

	SOURCE_USER(GroupKind.SOURCE_USERS), SOURCE_ADMIN(GroupKind.SOURCE_ADMINS);

	private final GroupKind groupKind;

	SourceRole(GroupKind groupKind) {
		this.groupKind = groupKind;
	}

	public GroupKind groupKind() {
		return groupKind;
	}

	public static SourceRole parse(String field, String value) {
		try {
			return valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "must be SOURCE_USER or SOURCE_ADMIN");
		}
	}

}
