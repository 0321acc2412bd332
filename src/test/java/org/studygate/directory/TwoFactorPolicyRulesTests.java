package org.studygate.directory;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform setting of the two-factor policy (decision 065) by the user's kind, bound
 * from the documented property values.
 */
class TwoFactorPolicyRulesTests {

	@Test
	void theServiceDeskIsAlwaysCoveredAndTheOthersAsTheSettingSays() {
		TwoFactorProperties deskOnly = bind(Map.of());
		assertThat(deskOnly.requiredFor()).isEqualTo(TwoFactorProperties.Scope.SERVICE_DESK);
		assertThat(TwoFactorPolicy.covers(deskOnly, true, false)).isTrue();
		assertThat(TwoFactorPolicy.covers(deskOnly, false, true)).isFalse();
		assertThat(TwoFactorPolicy.covers(deskOnly, false, false)).isFalse();

		TwoFactorProperties departments = bind(Map.of("studygate.two-factor.required-for", "department-staff"));
		assertThat(TwoFactorPolicy.covers(departments, true, false)).isTrue();
		assertThat(TwoFactorPolicy.covers(departments, false, true)).isTrue();
		assertThat(TwoFactorPolicy.covers(departments, false, false)).isFalse();

		TwoFactorProperties all = bind(Map.of("studygate.two-factor.required-for", "all-staff"));
		assertThat(TwoFactorPolicy.covers(all, false, false)).isTrue();
	}

	@Test
	void onlyTheTestRunsExemptionLetsTheServiceDeskSignInWithAPasswordAlone() {
		TwoFactorProperties exempt = bind(Map.of("studygate.two-factor.service-desk-exempt-for-tests", "true"));
		assertThat(TwoFactorPolicy.covers(exempt, true, false)).isFalse();
		TwoFactorProperties exemptButAll = bind(Map.of("studygate.two-factor.service-desk-exempt-for-tests", "true",
				"studygate.two-factor.required-for", "all-staff"));
		assertThat(TwoFactorPolicy.covers(exemptButAll, true, false)).isTrue();
	}

	private static TwoFactorProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("studygate.two-factor",
				TwoFactorProperties.class);
	}

}
