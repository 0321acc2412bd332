package org.studygate.directory;

import org.studygate.InvalidInputException;

/** The contact details of a group that its admins keep up to date. */
public record GroupDetails(String address, String phone, String email, boolean isPublic) {

	public GroupDetails {
		if (address != null && address.length() > 500) {
			throw new InvalidInputException("address", "must be at most 500 characters");
		}
		if (phone != null && !phone.isBlank() && !phone.strip().matches("^\\+?[0-9 ()/.-]{6,30}$")) {
			throw new InvalidInputException("phone", "must be a phone number");
		}
		if (email != null && !email.isBlank() && !email.strip().matches("^[^@\\s]{1,64}@[^@\\s]{1,190}$")) {
			throw new InvalidInputException("email", "must be an e-mail address");
		}
	}

}
