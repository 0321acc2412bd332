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
	 * The terms read in the login's own first statement rather than by
	 * {@link #terms(UUID)} (decision 081): a lateral subquery joined on the code's id, an
	 * SQL expression of that statement, using only this provider's tables, with the
	 * reader of its columns (named after the provider, never like a code's own). Empty
	 * when this provider reads its terms only by {@link #terms(UUID)}; the login then
	 * asks it so.
	 */
	default Optional<JoinedColumns<Terms>> columns(String codeIdExpression) {
		return Optional.empty();
	}

	/**
	 * Who issued the code, for the Reference numbers section of the Access tab (which
	 * lists every code that opens the study); empty when this provider did not issue it.
	 */
	default Optional<Issuer> issuer(UUID codeId) {
		return Optional.empty();
	}

	/**
	 * {@link #issuer} read in the Reference numbers section's own statement
	 * (docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md): a lateral
	 * subquery joined on the code's id, an SQL expression of that statement, using only
	 * this provider's tables, with the reader of its columns (named after the provider).
	 * Empty when this provider answers only by {@link #issuer}, which is then asked.
	 */
	default Optional<JoinedColumns<Issuer>> issuerColumns(String codeIdExpression) {
		return Optional.empty();
	}

	/**
	 * @param id the issuer's own id (a bucket's)
	 * @param label the name its issuer gave it, {@code null} when none
	 * @param kind the issuer's kind of code (a bucket's PRINTED or SHARED)
	 */
	record Issuer(UUID id, String label, String kind) {

	}

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
