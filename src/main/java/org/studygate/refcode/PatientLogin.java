package org.studygate.refcode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * A patient's sign-in with a reference number and birth date
 * (docs/product/05-workflows.md, decision 015). Every way it can fail (unknown, wrong
 * birth date, withdrawn, superseded, expired, not yet valid, non-compliant, blocked,
 * another department's, throttled) gives the same answer at the same cost
 * ({@link CodeCheck}, decision 039). Five consecutive failures block the code. Then the
 * department's verification, or the code's issuer's: none, a one-time password by SMS or
 * e-mail ({@link OneTimePasswords}), or a payment followed by a pincode by SMS
 * ({@link PaymentStep}, {@link Pincodes}). Every outcome is logged.
 *
 * <p>
 * Runs without a surrounding transaction: the throttle's take and the check's reads are
 * one statement that commits on its own ({@link CodeLookup}, decision 081), a refusal's
 * count and its log entry share one transaction ({@link CodeCheck}, decision 075), so
 * that no statement waits on a connection this request holds.
 */
@Service
public class PatientLogin {

	private static final String STEP = "PATIENT_LOGIN";

	private final CodeCheck check;

	private final CodeSessions sessions;

	private final OneTimePasswords otps;

	private final PaymentStep payment;

	private final Pincodes pincodes;

	private final CodeClaims claims;

	private final Departments departments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PatientLogin(CodeCheck check, CodeSessions sessions, OneTimePasswords otps, PaymentStep payment, Pincodes pincodes,
			CodeClaims claims, Departments departments, ApplicationEventPublisher events, Clock clock) {
		this.check = check;
		this.sessions = sessions;
		this.otps = otps;
		this.payment = payment;
		this.pincodes = pincodes;
		this.claims = claims;
		this.departments = departments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The first step: code and birth date.
	 * @param departmentCode the department whose branded page was used, {@code null} for
	 * the general one
	 * @param client the client's address, for the throttle and the log
	 */
	public LoginResult login(String code, LocalDate birthDate, String departmentCode, String client) {
		Instant now = clock.instant();
		CodeCheck.Checked checked = check.check(code, birthDate, departmentCode, client, now,
				refused -> events.publishEvent(new PatientLoginAttempted(now, CodeSessions.ANONYMOUS, STEP,
						AuditOutcome.FAILURE, refused.reason(), refused.loggedId(), null, true)));
		if (!checked.accepted()) {
			return new LoginResult.Failed();
		}
		ReferenceNumberStore.Row row = checked.row();
		List<Study> arrived = sessions.arrivedStudies(row.id());
		if (arrived.isEmpty()) {
			log(now, CodeSessions.ANONYMOUS, AuditOutcome.FAILURE, CodeCheck.Refusal.NOT_ARRIVED.logged(), row.id(),
					null);
			return new LoginResult.NotArrived();
		}
		Study first = arrived.get(0);
		String name = first.patient().displayName();
		Optional<CodeTerms.Terms> terms = checked.terms();
		Verification verification = terms.map(CodeTerms.Terms::verification)
			.orElse(checked.department().get().settings().referenceNumbers().verification());
		LoginResult next = switch (verification) {
			case DOB_ONLY -> CodeSessions.verified(row.id(), name, arrived, terms);
			case OTP_SMS, OTP_EMAIL ->
				otps.send(row, first, verification, terms.map(CodeTerms.Terms::otpDestination).orElse(null));
			case PAYMENT_PINCODE -> payment.next(row, arrived);
		};
		boolean failed = next instanceof LoginResult.Failed;
		log(now, CodeSessions.session(row.id(), name, terms), failed ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS,
				failed ? "the second step could not be sent (no contact details on file, or the gateway refused)"
						: null,
				row.id(), first.id().value());
		return next;
	}

	/**
	 * A staff user adds the code's studies to his own explore page with the code and the
	 * patient's birth date (docs/product/05-workflows.md#claiming-a-study): the same
	 * checks, throttle and blocking as the patient's login, then a grant with origin
	 * REFERENCE_NUMBER_CLAIM per study, in the department's patient scope, until the
	 * code's end.
	 * @return the studies claimed; empty on any failure (one generic answer)
	 */
	public List<StudyId> claim(Actor actor, String code, LocalDate birthDate, String client) {
		return claims.claim(actor, code, birthDate, client);
	}

	/**
	 * The one-time password's step: only the newest works, for 10 minutes; the fifth
	 * wrong one blocks the code.
	 */
	public LoginResult verifyOtp(ReferenceNumberId referenceNumberId, String otp) {
		return otps.verify(referenceNumberId, otp);
	}

	/** Pays through the provider, then sends a pincode to the mobile number on file. */
	public LoginResult pay(ReferenceNumberId referenceNumberId) {
		return payment.pay(referenceNumberId);
	}

	/** The pincode's step; the fifth wrong one blocks the code. */
	public LoginResult verifyPincode(ReferenceNumberId referenceNumberId, String pincode) {
		return pincodes.verify(referenceNumberId, pincode);
	}

	/**
	 * The department of a branded patient page, by its code; a malformed code is none.
	 */
	public Optional<Department> department(String code) {
		try {
			return departments.find(new DepartmentCode(code));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private void log(Instant now, AuditActor actor, AuditOutcome outcome, String reason, UUID codeId, UUID studyId) {
		events.publishEvent(new PatientLoginAttempted(now, actor, STEP, outcome, reason, codeId, studyId));
	}

}
