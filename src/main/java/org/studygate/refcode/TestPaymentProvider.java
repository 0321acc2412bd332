package org.studygate.refcode;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** Approves every payment: the provider of demo mode and tests (no real provider is wired yet, decision 016). */
@Component
class TestPaymentProvider implements PaymentProvider {

	private static final Logger log = LoggerFactory.getLogger(TestPaymentProvider.class);

	@Override
	public Receipt charge(Charge charge) {
		String reference = "TEST-" + UUID.randomUUID();
		log.info("Test payment provider approved {} cents for reference number {}", charge.amountCents(),
				charge.referenceNumberId());
		return new Receipt(true, reference, null);
	}

}
