package org.studygate.refcode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.mail.MailAddresses;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.Actor;
import org.studygate.mail.MailMessage;
import org.studygate.mail.MailPort;
import org.studygate.sms.SmsMessage;
import org.studygate.sms.SmsPort;
import org.studygate.study.PatientContact;
import org.studygate.study.Studies;
import org.studygate.study.StudyPatients;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * A patient's sign-in with a reference number and birth date (SPEC §5, decision 015). Every way it
 * can fail (unknown, wrong birth date, withdrawn, superseded, expired, not yet valid, non-compliant,
 * blocked, another department's, throttled) gives the same answer, and a known and an unknown code
 * cost the same work: the code's hash is always computed and looked up, a ciphertext always
 * decrypted, a birth date always compared and the failure counter always updated. Five consecutive
 * failures block the code. Then the department's verification: none, a one-time password by SMS or
 * e-mail, or a payment followed by a pincode by SMS. Every outcome is logged.
 *
 * <p>Runs without a surrounding transaction: each statement commits on its own, so the throttle's
 * connections and the failure log never wait on a connection this request holds.
 */
@Service
public class PatientLogin {

	private static final Logger log = LoggerFactory.getLogger(PatientLogin.class);

	static final Duration OTP_VALIDITY = Duration.ofMinutes(10);

	private static final AuditActor ANONYMOUS = Actor.anonymous().asAuditActor();

	private static final LocalDate NO_BIRTH_DATE = LocalDate.of(1900, 1, 1);

	private final ReferenceNumberStore store;

	private final CodeSecrets secrets;

	private final LoginThrottle throttle;

	private final Departments departments;

	private final Studies studies;

	private final StudyPatients patients;

	private final SmsPort sms;

	private final MailPort mail;

	/** Absent outside demo mode and tests unless a deployment configures one: then nobody can pay. */
	private final Optional<PaymentProvider> payments;

	private final Grants grants;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int paymentCents;

	private final List<CodeTerms> terms;

	private volatile UUID decoyDepartment;

	/** What an unknown code is compared with, so that it costs what a known one does. */
	private final ReferenceNumberStore.Row decoy;

	PatientLogin(ReferenceNumberStore store, CodeSecrets secrets, LoginThrottle throttle, Departments departments,
			Studies studies, SmsPort sms, MailPort mail, Optional<PaymentProvider> payments, Grants grants, ApplicationEventPublisher events,
			Clock clock, @Value("${studygate.patient-login.payment-cents:1500}") int paymentCents, List<CodeTerms> terms,
			StudyPatients patients) {
		this.patients = patients;
		this.terms = List.copyOf(terms);
		this.store = store;
		this.secrets = secrets;
		this.throttle = throttle;
		this.departments = departments;
		this.studies = studies;
		this.sms = sms;
		this.mail = mail;
		this.payments = payments;
		this.grants = grants;
		this.events = events;
		this.clock = clock;
		this.paymentCents = paymentCents;
		CodeSecrets.Sealed sealed = secrets.encrypt(Codes.generate(secrets.random(),
				ReferenceNumberPolicy.DEFAULT_ALPHABET, 10));
		this.decoy = new ReferenceNumberStore.Row(UUID.randomUUID(), UUID.randomUUID(), null, sealed.cipher(),
				sealed.keyId(), "GENERATED", NO_BIRTH_DATE, Instant.EPOCH, null, null, ReferenceNumberState.ACTIVE, 0, 0,
				null, null, 0);
	}

	/**
	 * The first step: code and birth date.
	 *
	 * @param departmentCode the department whose branded page was used, {@code null} for the general one
	 * @param client the client's address, for the throttle and the log
	 */
	public LoginResult login(String code, LocalDate birthDate, String departmentCode, String client) {
		Instant now = clock.instant();
		Checked checked = check(code, birthDate, departmentCode, client, now);
		if (checked.reason() != null) {
			events.publishEvent(new PatientLoginAttempted(now, ANONYMOUS, "PATIENT_LOGIN", AuditOutcome.FAILURE,
					checked.reason(), checked.found() ? checked.row().id() : null, null));
			return new LoginResult.Failed();
		}
		ReferenceNumberStore.Row row = checked.row();
		Optional<Department> department = checked.department();
		List<Study> arrived = new ArrayList<>();
		for (UUID id : store.studiesOf(row.id())) {
			studies.find(new StudyId(id)).filter(s -> !s.cancelled() && arrived(s)).ifPresent(arrived::add);
		}
		if (arrived.isEmpty()) {
			events.publishEvent(new PatientLoginAttempted(now, ANONYMOUS, "PATIENT_LOGIN", AuditOutcome.FAILURE,
					"results not available yet", row.id(), null));
			return new LoginResult.NotArrived();
		}
		Study first = arrived.get(0);
		String name = first.patient().displayName();
		Optional<CodeTerms.Terms> codeTerms = termsOf(row.id());
		AuditActor patient = session(row.id(), name, codeTerms).asAuditActor();
		Verification verification = codeTerms.map(CodeTerms.Terms::verification)
			.orElse(department.get().settings().referenceNumbers().verification());
		LoginResult next = switch (verification) {
			case DOB_ONLY -> new LoginResult.Verified(row.id(), name, arrived.stream().map(Study::id).toList(),
					kindOf(codeTerms));
			case OTP_SMS, OTP_EMAIL -> sendOtp(row, first, verification, codeTerms.map(CodeTerms.Terms::otpDestination).orElse(null));
			case PAYMENT_PINCODE -> paymentOrPincode(row, arrived);
		};
		events.publishEvent(new PatientLoginAttempted(now, patient, "PATIENT_LOGIN",
				next instanceof LoginResult.Failed ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS,
				next instanceof LoginResult.Failed ? "the second step could not be sent (no contact details on file, or the gateway refused)" : null, row.id(),
				first.id().value()));
		return next;
	}

	/** The first step's verdict: the row (the decoy when none), why it failed ({@code null}: it did not). */
	private record Checked(ReferenceNumberStore.Row row, boolean found, Optional<Department> department, String reason) {

	}

	/**
	 * Code and birth date, at the same cost whatever is wrong; a failure is counted against the code
	 * and the throttle, a success ends the code's run of failures.
	 */
	private Checked check(String code, LocalDate birthDate, String departmentCode, String client, Instant now) {
		String normalized = Codes.normalize(code);
		byte[] hash = secrets.hash("code", normalized);
		if (throttle.throttled(client)) {
			// refused before any code is looked at: the answer depends on the address, not the code
			return new Checked(decoy, false, Optional.empty(), "throttled");
		}
		Optional<ReferenceNumberStore.Row> found = store.byHash(hash);
		ReferenceNumberStore.Row row = found.orElse(decoy);
		Optional<Department> department = departments.find(found.isPresent() ? row.departmentId() : decoyDepartment());
		String stored = secrets.decrypt(row.codeCipher(), row.keyId());
		boolean compliant = department.map(d -> d.settings().referenceNumbers().complies(stored)).orElse(false);
		boolean birthDateMatches = MessageDigest.isEqual(bytes(row.birthDate()), bytes(birthDate));
		// the terms are read for an unknown code too (the decoy's id), at the same cost
		Optional<CodeTerms.Terms> codeTerms = termsOf(row.id());
		if (codeTerms.isPresent() && !codeTerms.get().birthDateChecked()) {
			// a share code's recipient need not know the birth date: a one-time password is always asked
			birthDateMatches = true;
		}
		if (found.isEmpty()) {
			department = Optional.empty();
		}
		boolean codeMatches = MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8),
				normalized.getBytes(StandardCharsets.UTF_8));
		String reason = null;
		if (found.isEmpty() || !codeMatches) {
			reason = "unknown code";
		}
		else if (!birthDateMatches) {
			reason = "wrong birth date";
		}
		else if (row.state() != ReferenceNumberState.ACTIVE) {
			reason = row.state().name().toLowerCase(java.util.Locale.ROOT) + " code";
		}
		else if (row.validFrom() != null && now.isBefore(row.validFrom())) {
			reason = "not yet valid";
		}
		else if (row.validTo() != null && !now.isBefore(row.validTo())) {
			reason = "expired";
		}
		else if (!compliant) {
			reason = "non-compliant code";
		}
		else if (departmentCode != null
				&& !department.map(d -> d.code().value().equalsIgnoreCase(departmentCode.strip())).orElse(false)) {
			reason = "another department's code";
		}
		if (reason != null) {
			store.recordFailedLogin(hash, now);
			throttle.failed(client);
		}
		else {
			store.recordGoodLogin(hash);
		}
		return new Checked(row, found.isPresent(), department, reason);
	}

	/**
	 * A staff user adds the code's studies to his own explore page with the code and the patient's
	 * birth date (SPEC §5 claiming): the same checks, throttle and blocking as the patient's login, then
	 * a grant with origin REFERENCE_NUMBER_CLAIM per study, in the department's patient scope, until
	 * the code's end.
	 *
	 * @return the studies claimed; empty on any failure (one generic answer)
	 */
	public List<StudyId> claim(Actor actor, String code, LocalDate birthDate, String client) {
		Instant now = clock.instant();
		if (!actor.isUser()) {
			return List.of();
		}
		Checked checked = check(code, birthDate, null, client, now);
		if (checked.reason() != null) {
			events.publishEvent(new PatientLoginAttempted(now, actor.asAuditActor(), "REFERENCE_NUMBER_CLAIM",
					AuditOutcome.FAILURE, checked.reason(), checked.found() ? checked.row().id() : null, null));
			return List.of();
		}
		if (termsOf(checked.row().id()).isPresent()) {
			events.publishEvent(new PatientLoginAttempted(now, actor.asAuditActor(), "REFERENCE_NUMBER_CLAIM",
					AuditOutcome.FAILURE, "a bucket's code cannot be claimed", checked.row().id(), null));
			return List.of();
		}
		ReferenceNumberPolicy.PatientScope scope = checked.department().get().settings().referenceNumbers().patientScope();
		GrantScope asked = scope == ReferenceNumberPolicy.PatientScope.IMAGES_REPORT_READ ? GrantScope.IMAGES_REPORT_READ
				: GrantScope.IMAGES;
		// the code gives, not the claimant: the grant is what the code's own session may do (decision 030)
		Actor session = Actor.patient(checked.row().id(), "reference number");
		List<StudyId> claimed = new ArrayList<>();
		for (UUID id : store.studiesOf(checked.row().id())) {
			Optional<Study> study = studies.find(new StudyId(id));
			if (study.isEmpty() || grants.claimed(actor, session, study.get(), asked).isEmpty()) {
				continue;
			}
			events.publishEvent(new PatientLoginAttempted(now, actor.asAuditActor(), "REFERENCE_NUMBER_CLAIM",
					AuditOutcome.SUCCESS, null, checked.row().id(), id));
			claimed.add(study.get().id());
		}
		return claimed;
	}

	/**
	 * A department that exists, read for an unknown code as a known code's own is, so that both cost
	 * one department read with its settings. Without departments there are no codes to tell apart.
	 */
	private UUID decoyDepartment() {
		UUID known = decoyDepartment;
		if (known == null) {
			known = departments.all().stream().findFirst().map(d -> d.id().value()).orElse(decoy.departmentId());
			decoyDepartment = known;
		}
		return known;
	}

	/** The one-time password's step: only the newest works, for 10 minutes; the fifth wrong one blocks the code. */
	public LoginResult verifyOtp(UUID referenceNumberId, String otp) {
		Instant now = clock.instant();
		Optional<ReferenceNumberStore.Row> row = usable(referenceNumberId, now);
		Optional<byte[]> expected = row.flatMap(r -> store.otp(r.id(), now));
		byte[] given = secrets.hash("otp:" + referenceNumberId, digitsOnly(otp));
		if (row.isEmpty() || expected.isEmpty() || !MessageDigest.isEqual(expected.get(), given)) {
			if (row.isPresent()) {
				store.recordFailedSecret(referenceNumberId, "otp", now);
			}
			events.publishEvent(new PatientLoginAttempted(now, ANONYMOUS, "PATIENT_OTP", AuditOutcome.FAILURE,
					row.isEmpty() ? "code not usable" : expected.isEmpty() ? "no valid one-time password" : "wrong one-time password",
					referenceNumberId, null));
			return new LoginResult.Failed();
		}
		store.deleteOtp(referenceNumberId);
		return verified(row.get(), "PATIENT_OTP", now);
	}

	/** Pays through the provider, then sends a pincode to the mobile number on file. */
	public LoginResult pay(UUID referenceNumberId) {
		Instant now = clock.instant();
		Optional<ReferenceNumberStore.Row> row = usable(referenceNumberId, now);
		List<Study> codeStudies = row.map(r -> studiesOf(r)).orElse(List.of());
		Optional<String> mobile = codeStudies.isEmpty() ? Optional.empty() : contact(codeStudies.get(0)).map(PatientContact::mobile);
		if (row.isEmpty() || mobile.isEmpty()) {
			events.publishEvent(new PatientLoginAttempted(now, ANONYMOUS, "PATIENT_PAYMENT", AuditOutcome.FAILURE,
					row.isEmpty() ? "code not usable" : "no mobile number on file", referenceNumberId, null));
			return new LoginResult.Failed();
		}
		PaymentProvider.Receipt receipt = payments.isEmpty()
				? new PaymentProvider.Receipt(false, null, "no payment provider is configured")
				: payments.get().charge(new PaymentProvider.Charge(referenceNumberId, paymentCents, "EUR", "Studygate results"));
		AuditActor patient = Actor.patient(referenceNumberId, codeStudies.get(0).patient().displayName()).asAuditActor();
		if (!receipt.approved()) {
			events.publishEvent(new PatientLoginAttempted(now, patient, "PATIENT_PAYMENT", AuditOutcome.FAILURE,
					"declined: " + receipt.declineReason(), referenceNumberId, codeStudies.get(0).id().value()));
			return new LoginResult.Failed();
		}
		store.recordPayment(referenceNumberId, receipt.reference(), paymentCents, now);
		for (Study study : codeStudies) {
			patients.markPaymentReceived(study.id());
		}
		events.publishEvent(new PatientLoginAttempted(now, patient, "PATIENT_PAYMENT", AuditOutcome.SUCCESS, null,
				referenceNumberId, codeStudies.get(0).id().value()));
		return sendPincode(row.get(), mobile.get());
	}

	/** The pincode's step; the fifth wrong one blocks the code. */
	public LoginResult verifyPincode(UUID referenceNumberId, String pincode) {
		Instant now = clock.instant();
		Optional<ReferenceNumberStore.Row> row = usable(referenceNumberId, now);
		boolean right = row.isPresent() && row.get().pincodeCipher() != null
				&& MessageDigest.isEqual(secrets.decrypt(row.get().pincodeCipher(), row.get().pincodeKeyId())
					.getBytes(StandardCharsets.UTF_8), digitsOnly(pincode).getBytes(StandardCharsets.UTF_8));
		if (!right) {
			if (row.isPresent()) {
				store.recordFailedSecret(referenceNumberId, "pincode", now);
			}
			events.publishEvent(new PatientLoginAttempted(now, ANONYMOUS, "PATIENT_PINCODE", AuditOutcome.FAILURE,
					row.isEmpty() ? "code not usable" : "wrong pincode", referenceNumberId, null));
			return new LoginResult.Failed();
		}
		return verified(row.get(), "PATIENT_PINCODE", now);
	}

	/**
	 * Whether a study counts as arrived: the archive (or the RIS) reported instances for it. Until
	 * the archive integration sets the count, a study registered without instances has not arrived.
	 */
	static boolean arrived(Study study) {
		return study.instanceCount() > 0;
	}

	private LoginResult verified(ReferenceNumberStore.Row row, String step, Instant now) {
		List<Study> codeStudies = studiesOf(row);
		if (codeStudies.isEmpty()) {
			return new LoginResult.NotArrived();
		}
		String name = codeStudies.get(0).patient().displayName();
		Optional<CodeTerms.Terms> codeTerms = termsOf(row.id());
		events.publishEvent(new PatientLoginAttempted(now, session(row.id(), name, codeTerms).asAuditActor(), step,
				AuditOutcome.SUCCESS, null, row.id(), codeStudies.get(0).id().value()));
		return new LoginResult.Verified(row.id(), name, codeStudies.stream().map(Study::id).toList(), kindOf(codeTerms));
	}

	private LoginResult sendOtp(ReferenceNumberStore.Row row, Study study, Verification verification, String to) {
		Optional<PatientContact> contact = contact(study);
		String destination = to != null ? to
				: contact.map(c -> verification == Verification.OTP_SMS ? c.mobile() : c.email()).orElse(null);
		if (destination == null) {
			return new LoginResult.Failed();
		}
		String otp = Codes.digits(secrets.random(), 6);
		Instant now = clock.instant();
		store.replaceOtp(row.id(), secrets.hash("otp:" + row.id(), otp), now, now.plus(OTP_VALIDITY));
		String text = "Studygate: your one-time password is " + otp + ". It is valid for 10 minutes.";
		try {
			if (verification == Verification.OTP_SMS) {
				sms.send(new SmsMessage(destination, text));
				return new LoginResult.OtpSent(row.id(), verification, SmsMessage.mask(destination));
			}
			mail.send(new MailMessage(destination, "Your Studygate one-time password", text));
			return new LoginResult.OtpSent(row.id(), verification, MailAddresses.masked(destination));
		}
		catch (RuntimeException ex) {
			// the patient gets the generic answer; the message text is never logged
			log.warn("Could not send the one-time password for reference number {} ({})", row.id(),
					ex.getClass().getSimpleName());
			return new LoginResult.Failed();
		}
	}

	private LoginResult paymentOrPincode(ReferenceNumberStore.Row row, List<Study> arrived) {
		Optional<String> mobile = contact(arrived.get(0)).map(PatientContact::mobile);
		if (mobile.isEmpty()) {
			return new LoginResult.Failed();
		}
		boolean paid = arrived.stream().allMatch(s -> !s.paymentRequired() || s.paymentReceived());
		boolean everPaid = arrived.stream().anyMatch(Study::paymentReceived);
		if (!paid || !everPaid && row.pincodeCipher() == null && arrived.stream().anyMatch(Study::paymentRequired)) {
			return new LoginResult.PaymentNeeded(row.id(), SmsMessage.mask(mobile.get()), paymentCents);
		}
		if (row.pincodeCipher() == null) {
			return sendPincode(row, mobile.get());
		}
		return new LoginResult.PincodeNeeded(row.id(), SmsMessage.mask(mobile.get()));
	}

	private LoginResult sendPincode(ReferenceNumberStore.Row row, String mobile) {
		String pincode = Codes.digits(secrets.random(), 6);
		store.setPincode(row.id(), secrets.encrypt(pincode));
		try {
			sms.send(new SmsMessage(mobile, "Studygate: your pincode is " + pincode + "."));
		}
		catch (RuntimeException ex) {
			log.warn("Could not send the pincode for reference number {} ({}); a source admin can reveal it", row.id(),
					ex.getClass().getSimpleName());
			return new LoginResult.Failed();
		}
		log.info("Sent a pincode for reference number {}", row.id());
		return new LoginResult.PincodeNeeded(row.id(), SmsMessage.mask(mobile));
	}

	/** What the module that issued the code says about it; empty for a study's own reference number. */
	private Optional<CodeTerms.Terms> termsOf(UUID codeId) {
		for (CodeTerms provider : terms) {
			Optional<CodeTerms.Terms> found = provider.terms(codeId);
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	private static org.studygate.directory.ActorKind kindOf(Optional<CodeTerms.Terms> terms) {
		return terms.map(CodeTerms.Terms::sessionKind).orElse(org.studygate.directory.ActorKind.PATIENT_CODE);
	}

	private static Actor session(UUID codeId, String name, Optional<CodeTerms.Terms> terms) {
		return Actor.codeSession(kindOf(terms), codeId, name);
	}

	/** The code's row while it may still open a session. */
	private Optional<ReferenceNumberStore.Row> usable(UUID id, Instant now) {
		return Optional.ofNullable(id)
			.flatMap(store::byId)
			.filter(r -> r.state() == ReferenceNumberState.ACTIVE && r.inForceAt(now));
	}

	private List<Study> studiesOf(ReferenceNumberStore.Row row) {
		List<Study> result = new ArrayList<>();
		for (UUID id : store.studiesOf(row.id())) {
			studies.find(new StudyId(id)).filter(s -> !s.cancelled() && arrived(s)).ifPresent(result::add);
		}
		return result;
	}

	private Optional<PatientContact> contact(Study study) {
		return patients.contact(study.id());
	}

	private static String digitsOnly(String value) {
		return value == null ? "" : value.replaceAll("[^0-9]", "");
	}

	private static byte[] bytes(LocalDate date) {
		return (date == null ? "-" : date.toString()).getBytes(StandardCharsets.US_ASCII);
	}

	/** The department of a branded patient page, by its code; a malformed code is none. */
	public Optional<Department> department(String code) {
		try {
			return departments.find(new DepartmentCode(code));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

}
