package org.studygate.refcode;

/**
 * Takes a patient's payment before a pincode is sent (docs/product/05-workflows.md,
 * verification PAYMENT_PINCODE). One narrow port; in demo mode and tests a test provider
 * approves every payment.
 */
public interface PaymentProvider {

	/** A payment to take for a code's studies. */
	record Charge(ReferenceNumberId referenceNumberId, int amountCents, String currency, String description) {

	}

	/** The provider's answer: approved with its reference, or declined with a reason. */
	record Receipt(boolean approved, String reference, String declineReason) {

	}

	Receipt charge(Charge charge);

}
