package org.studygate.department;

import java.util.Set;
import java.util.UUID;

import org.studygate.directory.TwoFactorDepartments;

import org.springframework.stereotype.Component;

/**
 * Tells the directory which departments require a second factor of their staff
 * (docs/decisions/065-two-factor-policy-and-codes.md), from their settings, read afresh
 * at each sign-in.
 */
@Component
class DepartmentTwoFactor implements TwoFactorDepartments {

	private final DepartmentStore store;

	DepartmentTwoFactor(DepartmentStore store) {
		this.store = store;
	}

	@Override
	public Set<UUID> requiringSecondFactor() {
		return store.requiringSecondFactor();
	}

}
