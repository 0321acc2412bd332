package org.studygate.refcode;

import java.util.List;

import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.ActorKind;
import org.studygate.study.StudyId;

/** Where a patient's sign-in stands after one step (docs/product/05-workflows.md). */
public sealed interface LoginResult {

	/** Anything wrong: one generic answer, whatever it was. */
	record Failed() implements LoginResult {

	}

	/** The code and birth date are right but none of its studies has arrived yet. */
	record NotArrived() implements LoginResult {

	}

	/** A one-time password was sent; the patient types it next. */
	record OtpSent(ReferenceNumberId referenceNumberId, Verification verification,
			String maskedDestination) implements LoginResult {

	}

	/** The patient pays before a pincode is sent to the mobile number on file. */
	record PaymentNeeded(ReferenceNumberId referenceNumberId, String maskedMobile,
			int amountCents) implements LoginResult {

	}

	/** The pincode sent by SMS is asked. */
	record PincodeNeeded(ReferenceNumberId referenceNumberId, String maskedMobile) implements LoginResult {

	}

	/** Signed in: a code session over these studies may begin. */
	record Verified(ReferenceNumberId referenceNumberId, String name, List<StudyId> studies,
			ActorKind kind) implements LoginResult {

		public Verified(ReferenceNumberId referenceNumberId, String name, List<StudyId> studies) {
			this(referenceNumberId, name, studies, ActorKind.PATIENT_CODE);
		}

		/** The code session this sign-in opens. */
		public org.studygate.directory.Actor actor() {
			return org.studygate.directory.Actor.codeSession(kind, referenceNumberId.value(), name);
		}

	}

	/** The app API's name of the next step. */
	default String next() {
		if (this instanceof Verified) {
			return "STUDY";
		}
		if (this instanceof OtpSent) {
			return "OTP";
		}
		if (this instanceof PaymentNeeded) {
			return "PAYMENT";
		}
		if (this instanceof PincodeNeeded) {
			return "PINCODE";
		}
		return this instanceof NotArrived ? "NOT_AVAILABLE" : "FAILED";
	}

}
