package org.studygate.refcode;

import java.util.Optional;
import java.util.UUID;

import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.ActorKind;

/**
 * What another module says about a code it issued through {@link BucketCodes} (decision
 * 020): the second step, whether the report may be read, where a one-time password goes
 * and which kind of actor the session is. A code nobody claims follows its department's
 * reference-number policy. Read afresh at every login and every decision, never cached.
 */
public interface CodeTerms {

	/** The terms of the code, empty when this provider did not issue it. */
	Optional<Terms> terms(UUID codeId);

	/**
	 * @param verification the second step after the code (DOB_ONLY: none)
	 * @param reportAllowed whether the session may read a released report
	 * @param birthDateChecked whether the first step compares the birth date (a share
	 * code's recipient may not know it; a one-time password is then always asked)
	 * @param otpDestination the mobile number or e-mail address one-time passwords go to,
	 * {@code null} for the patient's contact on file
	 * @param sessionKind PATIENT_CODE or SHARE_CODE
	 */
	record Terms(Verification verification, boolean reportAllowed, boolean birthDateChecked, String otpDestination,
			ActorKind sessionKind) {

	}

}
