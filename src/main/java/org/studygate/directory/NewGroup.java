package org.studygate.directory;

import org.studygate.InvalidInputException;

/** A practice or medical department to register; source groups are created with their department. */
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
		if (email != null && !email.isBlank() && !email.contains("@")) {
			throw new InvalidInputException("email", "must be an e-mail address");
		}
	}

}
