package org.studygate.directory;

import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who must sign in with a second factor
 * (docs/decisions/065-two-factor-policy-and-codes.md): the service desk always, the staff
 * the platform setting names, and the staff of every department whose settings require
 * it. A user it covers who has no second factor is sent to enrolment after a right
 * password, and may not turn his second factor off.
 */
@Component
class TwoFactorPolicy {

	private static final Logger log = LoggerFactory.getLogger(TwoFactorPolicy.class);

	private final TwoFactorProperties properties;

	private final Directory directory;

	private final ObjectProvider<TwoFactorDepartments> departments;

	TwoFactorPolicy(TwoFactorProperties properties, Directory directory,
			ObjectProvider<TwoFactorDepartments> departments) {
		this.properties = properties;
		this.directory = directory;
		this.departments = departments;
		if (properties.serviceDeskExemptForTests()) {
			log.warn("studygate.two-factor.service-desk-exempt-for-tests is set: the service desk may sign in"
					+ " without a second factor. Never set it outside test runs.");
		}
	}

	/** Whether the policy asks this active staff user for a second factor. */
	boolean covers(UserId user) {
		return directory.actorOf(user).map(this::covers).orElse(false);
	}

	boolean covers(Actor actor) {
		Set<UUID> staffOf = actor.sourceDepartments(GroupKind.SOURCE_USERS);
		Set<UUID> adminOf = actor.sourceDepartments(GroupKind.SOURCE_ADMINS);
		if (covers(properties, actor.serviceDesk(), !staffOf.isEmpty() || !adminOf.isEmpty())) {
			return true;
		}
		if (staffOf.isEmpty() && adminOf.isEmpty()) {
			return false;
		}
		Set<UUID> requiring = departments.stream()
			.flatMap(d -> d.requiringSecondFactor().stream())
			.collect(java.util.stream.Collectors.toSet());
		return staffOf.stream().anyMatch(requiring::contains) || adminOf.stream().anyMatch(requiring::contains);
	}

	/** The platform setting alone, by the user's kind. */
	static boolean covers(TwoFactorProperties properties, boolean serviceDesk, boolean departmentStaff) {
		if (serviceDesk && !properties.serviceDeskExemptForTests()) {
			return true;
		}
		return switch (properties.requiredFor()) {
			case ALL_STAFF -> true;
			case DEPARTMENT_STAFF -> departmentStaff;
			case SERVICE_DESK -> false;
		};
	}

}
