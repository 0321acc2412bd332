package org.studygate.directory;

import java.util.Set;
import java.util.UUID;

/**
 * The departments whose settings ask every member of their source groups to sign in with
 * a second factor (docs/decisions/065-two-factor-policy-and-codes.md). The department
 * module answers it; the directory does not know departments' settings.
 */
public interface TwoFactorDepartments {

	/** The ids of the departments that require a second factor of their staff. */
	Set<UUID> requiringSecondFactor();

}
