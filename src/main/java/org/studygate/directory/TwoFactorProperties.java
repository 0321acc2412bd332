package org.studygate.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's two-factor policy (docs/decisions/065-two-factor-policy-and-codes.md):
 * {@code studygate.two-factor.required-for} names who must sign in with a second factor
 * besides the service desk, which always must.
 *
 * @param requiredFor {@code service-desk} (the default), {@code department-staff} (also
 * every member of a department's source groups) or {@code all-staff}
 * @param serviceDeskExemptForTests only for test runs, whose fixtures sign the service
 * desk in with a password alone: the service desk is not sent to enrolment. A deployment
 * never sets it; the application warns at start when it is set.
 */
@ConfigurationProperties("studygate.two-factor")
record TwoFactorProperties(@DefaultValue("service-desk") Scope requiredFor,
		@DefaultValue("false") boolean serviceDeskExemptForTests) {

	/** Who the platform setting covers, besides the service desk. */
	enum Scope {

		SERVICE_DESK, DEPARTMENT_STAFF, ALL_STAFF

	}

}
