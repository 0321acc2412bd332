package org.studygate.refcode;

import java.util.Optional;

import org.studygate.InvalidInputException;
import org.studygate.department.DepartmentSettings;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.department.SettingsCheck;

import org.springframework.stereotype.Component;

/**
 * Payment and pincode may be chosen as a department's verification only when a payment
 * provider is configured (decision 035): without one, no patient could ever pay, and no
 * step may pretend he did. A policy stored before is left as it is (its patients are
 * refused at the payment step), so that other settings of the department can still be
 * changed.
 */
@Component
class PaymentChoice implements SettingsCheck {

	private final boolean providerConfigured;

	PaymentChoice(Optional<PaymentProvider> provider) {
		this.providerConfigured = provider.isPresent();
	}

	@Override
	public void check(DepartmentSettings current, DepartmentSettings proposed) {
		if (providerConfigured || proposed == null || !paymentPincode(proposed) || paymentPincode(current)) {
			return;
		}
		throw new InvalidInputException("referenceNumbers.verification",
				"PAYMENT_PINCODE needs a payment provider, and none is configured; choose DOB_ONLY, OTP_SMS or OTP_EMAIL");
	}

	private static boolean paymentPincode(DepartmentSettings settings) {
		return settings != null && settings.referenceNumbers() != null
				&& settings.referenceNumbers().verification() == Verification.PAYMENT_PINCODE;
	}

}
