package org.studygate.refcode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * One step of a patient's sign-in with a reference number (docs/product/05-workflows.md),
 * whatever its outcome: the code and birth date (PATIENT_LOGIN), the one-time password
 * (PATIENT_OTP), the payment (PATIENT_PAYMENT) or the pincode (PATIENT_PINCODE). Failures
 * name the anonymous actor and keep the true reason for the log only; the patient is told
 * one generic message.
 *
 * @param step PATIENT_LOGIN, PATIENT_OTP, PATIENT_PAYMENT, PATIENT_PINCODE or
 * REFERENCE_NUMBER_CLAIM
 * @param reason why it failed, {@code null} on success
 * @param referenceNumberId the code concerned when one was found, never the code itself
 * @param withItsCount whether the publisher's transaction also counts the failure against
 * the code, so that the entry and the count commit together (decision 075)
 */
public record PatientLoginAttempted(Instant occurredAt, AuditActor actor, String step, AuditOutcome outcome,
		String reason, UUID referenceNumberId, UUID studyId, boolean withItsCount) implements AuditableEvent {

	/** A step logged on its own: a failure is written in a transaction of its own. */
	public PatientLoginAttempted(Instant occurredAt, AuditActor actor, String step, AuditOutcome outcome, String reason,
			UUID referenceNumberId, UUID studyId) {
		this(occurredAt, actor, step, outcome, reason, referenceNumberId, studyId, false);
	}

	@Override
	public boolean failureCommittedByPublisher() {
		return withItsCount;
	}

	@Override
	public String action() {
		return step;
	}

	@Override
	public String accessChannel() {
		return "REFERENCE_NUMBER_CLAIM".equals(step) ? null : "PATIENT_PORTAL";
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		if (reason != null) {
			details.put("reason", reason);
		}
		if (referenceNumberId != null) {
			details.put("referenceNumber", referenceNumberId.toString());
		}
		return details;
	}

}
