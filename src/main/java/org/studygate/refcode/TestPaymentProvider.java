package org.studygate.refcode;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.stereotype.Component;

/**
 * Approves every payment: the provider of demo mode ({@code studygate.demo=true}) and of
 * the test profile, and of nothing else (decision 035). Anywhere else payment and pincode
 * needs a real {@link PaymentProvider} bean, and without one it cannot be chosen.
 */
@Component
@Conditional(TestPaymentProvider.OnlyInDemoOrTests.class)
class TestPaymentProvider implements PaymentProvider {

	private static final Logger log = LoggerFactory.getLogger(TestPaymentProvider.class);

	@Override
	public Receipt charge(Charge charge) {
		String reference = "TEST-" + UUID.randomUUID();
		log.info("Test payment provider approved {} cents for reference number {}", charge.amountCents(),
				charge.referenceNumberId());
		return new Receipt(true, reference, null);
	}

	/** Demo mode or the test profile. */
	static class OnlyInDemoOrTests implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return "true".equalsIgnoreCase(context.getEnvironment().getProperty("studygate.demo", "false").strip())
					|| context.getEnvironment().matchesProfiles("test");
		}

	}

}
