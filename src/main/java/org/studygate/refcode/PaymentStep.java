package org.studygate.refcode;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.directory.Actor;
import org.studygate.sms.SmsMessage;
import org.studygate.study.PatientContact;
import org.studygate.study.StudyPatients;
import org.studygate.study.Study;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The payment before the pincode (docs/product/05-workflows.md, verification
 * PAYMENT_PINCODE): asked while a study of the code still needs paying, taken through the
 * {@link PaymentProvider} (none configured: nobody can pay, decision 035), then the
 * pincode is sent to the mobile number on file.
 */
@Component
class PaymentStep {

	private final ReferenceNumberStore store;

	/**
	 * Absent outside demo mode and tests unless a deployment configures one: then nobody
	 * can pay.
	 */
	private final Optional<PaymentProvider> payments;

	private final StudyPatients patients;

	private final CodeSessions sessions;

	private final Pincodes pincodes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int paymentCents;

	PaymentStep(ReferenceNumberStore store, Optional<PaymentProvider> payments, StudyPatients patients,
			CodeSessions sessions, Pincodes pincodes, ApplicationEventPublisher events, Clock clock,
			@Value("${studygate.patient-login.payment-cents:1500}") int paymentCents) {
		this.store = store;
		this.payments = payments;
		this.patients = patients;
		this.sessions = sessions;
		this.pincodes = pincodes;
		this.events = events;
		this.clock = clock;
		this.paymentCents = paymentCents;
	}

	/**
	 * What follows the birth date: the payment while a study still needs it (or nothing
	 * was ever paid and no pincode sent), else the pincode, sent now when the code has
	 * none yet.
	 */
	LoginResult next(ReferenceNumberStore.Row row, List<Study> arrived) {
		Optional<String> mobile = sessions.contact(arrived.get(0)).map(PatientContact::mobile);
		if (mobile.isEmpty()) {
			return new LoginResult.Failed();
		}
		boolean paid = arrived.stream().allMatch(s -> !s.paymentRequired() || s.paymentReceived());
		boolean everPaid = arrived.stream().anyMatch(Study::paymentReceived);
		ReferenceNumberId id = new ReferenceNumberId(row.id());
		if (!paid || !everPaid && row.pincodeCipher() == null && arrived.stream().anyMatch(Study::paymentRequired)) {
			return new LoginResult.PaymentNeeded(id, SmsMessage.mask(mobile.get()), paymentCents);
		}
		if (row.pincodeCipher() == null) {
			return pincodes.send(row, mobile.get());
		}
		return new LoginResult.PincodeNeeded(id, SmsMessage.mask(mobile.get()));
	}

	/**
	 * Pays through the provider, then sends a pincode to the mobile number on file; every
	 * outcome logged.
	 */
	LoginResult pay(ReferenceNumberId codeId) {
		Instant now = clock.instant();
		Optional<ReferenceNumberStore.Row> row = sessions.usable(codeId, now);
		List<Study> codeStudies = row.map(r -> sessions.arrivedStudies(r.id())).orElse(List.of());
		Optional<String> mobile = codeStudies.isEmpty() ? Optional.empty()
				: sessions.contact(codeStudies.get(0)).map(PatientContact::mobile);
		if (row.isEmpty() || mobile.isEmpty()) {
			sessions.failed(now, "PATIENT_PAYMENT", row.isEmpty() ? "code not usable" : "no mobile number on file",
					codeId);
			return new LoginResult.Failed();
		}
		Study first = codeStudies.get(0);
		PaymentProvider.Receipt receipt = payments.isEmpty()
				? new PaymentProvider.Receipt(false, null, "no payment provider is configured")
				: payments.get().charge(new PaymentProvider.Charge(codeId, paymentCents, "EUR", "Studygate results"));
		AuditActor patient = Actor.patient(codeId.value(), first.patient().displayName()).asAuditActor();
		if (!receipt.approved()) {
			events.publishEvent(new PatientLoginAttempted(now, patient, "PATIENT_PAYMENT", AuditOutcome.FAILURE,
					"declined: " + receipt.declineReason(), codeId.value(), first.id().value()));
			return new LoginResult.Failed();
		}
		store.recordPayment(codeId.value(), receipt.reference(), paymentCents, now);
		for (Study study : codeStudies) {
			patients.markPaymentReceived(study.id());
		}
		events.publishEvent(new PatientLoginAttempted(now, patient, "PATIENT_PAYMENT", AuditOutcome.SUCCESS, null,
				codeId.value(), first.id().value()));
		return pincodes.send(row.get(), mobile.get());
	}

}
