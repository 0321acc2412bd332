package org.studygate.refcode;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.studygate.InvalidInputException;
import org.studygate.department.DepartmentSettings;
import org.studygate.department.ReferenceNumberPolicy.Verification;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test payment provider approves every charge, so it exists only in demo mode and
 * under the test profile; without a provider, payment and pincode cannot be chosen.
 */
class PaymentProviderTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(TestPaymentProvider.class);

	@Test
	void theTestProviderIsAbsentFromAPlainDeployment() {
		runner.run(context -> assertThat(context).doesNotHaveBean(PaymentProvider.class));
		runner.withPropertyValues("studygate.demo=false", "spring.profiles.active=prod")
			.run(context -> assertThat(context).doesNotHaveBean(PaymentProvider.class));
	}

	@Test
	void theTestProviderExistsInDemoModeAndUnderTheTestProfile() {
		runner.withPropertyValues("studygate.demo=true")
			.run(context -> assertThat(context).hasSingleBean(PaymentProvider.class));
		runner.withPropertyValues("spring.profiles.active=test")
			.run(context -> assertThat(context).hasSingleBean(PaymentProvider.class));
	}

	@Test
	void choosingPaymentAndPincodeWithoutAProviderIsRefusedNamingTheField() {
		PaymentChoice none = new PaymentChoice(Optional.empty());
		DepartmentSettings current = DepartmentSettings.defaults();
		DepartmentSettings paying = current
			.withReferenceNumbers(PatientFixtures.verification(Verification.PAYMENT_PINCODE));

		assertThatThrownBy(() -> none.check(current, paying)).isInstanceOf(InvalidInputException.class)
			.extracting(ex -> ((InvalidInputException) ex).field())
			.isEqualTo("referenceNumbers.verification");
		none.check(paying, paying);
		none.check(current, current.withReferenceNumbers(PatientFixtures.verification(Verification.OTP_SMS)));
		new PaymentChoice(Optional.of(new TestPaymentProvider())).check(current, paying);
	}

}
