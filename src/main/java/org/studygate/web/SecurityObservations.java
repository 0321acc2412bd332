package org.studygate.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * The security filter chains run without an observation per filter, authentication and
 * authorization (decision 086): on a patient's sign-in these observations cost about a
 * tenth of the request thread's CPU and fed no metric the operations documentation names.
 * Every request is still timed as a whole ({@code http.server.requests}), and every
 * sign-in and refusal is in the access log.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

}
