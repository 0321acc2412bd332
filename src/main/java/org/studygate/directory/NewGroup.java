package org.studygate.directory;

import java.util.Locale;

import org.studygate.InvalidInputException;

/**
 * A practice or medical department to register; source groups are created with their
 * department.
 */
public record NewGroup(GroupKind kind, String name, String address, String phone, String email, boolean isPublic) {

	public NewGroup {
		if (kind == null) {
			throw new InvalidInputException("kind", "is required: PRACTICE or MEDICAL_DEPARTMENT");
		}
		if (kind.isSourceGroup()) {
			throw new InvalidInputException("kind", "source groups are created with their department");
		}
		if (name == null || name.isBlank() || name.length() > 200) {
			throw new InvalidInputException("name", "is required (at most 200 characters)");
		}
		name = name.strip();
		new GroupDetails(address, phone, email, isPublic);
	}

	/** A group as a client names it, the kind as text. */
	public static NewGroup of(String kind, String name, String address, String phone, String email, Boolean isPublic) {
		GroupKind parsed;
		try {
			parsed = kind == null || kind.isBlank() ? null : GroupKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("kind", "must be PRACTICE or MEDICAL_DEPARTMENT");
		}
		return new NewGroup(parsed, name, address, phone, email, Boolean.TRUE.equals(isPublic));
	}

}
