package org.studygate.refcode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.studygate.SecretBox;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.ReferenceNumberPolicy;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first step of a sign-in with a code (decision 015, decision 039): code and birth
 * date, at the same cost whatever is wrong. The code's hash is always computed and looked
 * up, a ciphertext always decrypted (a decoy's for an unknown code), a birth date always
 * compared and the issuer's terms always read; only then does {@link #decide} answer,
 * from what was gathered, either {@link Accepted} or {@link Refused} with its
 * {@link Refusal}. Every attempt takes its tokens from the throttle before anything is
 * looked at (decision 066); a refusal keeps them and is counted against the code (five in
 * a row block it); an acceptance gives them back and ends the code's run of failures.
 */
@Component
class CodeCheck {

	private static final LocalDate NO_BIRTH_DATE = LocalDate.of(1900, 1, 1);

	/** What the first step answers. */
	sealed interface Outcome permits Accepted, Refused {

	}

	/** The code and birth date open a sign-in. */
	record Accepted() implements Outcome {

	}

	/** Refused, and why; the patient is told none of it. */
	record Refused(Refusal refusal) implements Outcome {

	}

	/** Why a first step was refused, as the access log names it. */
	enum Refusal {

		/**
		 * Too many failures from the client's address or from everybody: nothing was
		 * looked at.
		 */
		THROTTLED("throttled"),
		/** No code has this hash, or the stored code differs from the one typed. */
		UNKNOWN_CODE("unknown code"), WRONG_BIRTH_DATE("wrong birth date"), WITHDRAWN("withdrawn code"),
		SUPERSEDED("superseded code"), BLOCKED("blocked code"), NOT_YET_VALID("not yet valid"), EXPIRED("expired"),
		/** The code does not comply with its department's policy of the moment. */
		NON_COMPLIANT("non-compliant code"),
		/** Typed on another department's branded page. */
		ANOTHER_DEPARTMENT("another department's code"),
		/**
		 * Right, but none of the code's studies has arrived yet (decided after the
		 * check).
		 */
		NOT_ARRIVED("results not available yet"),
		/**
		 * A staff user's claim of a code another module issued (decided after the check).
		 */
		BUCKET_CODE("a bucket's code cannot be claimed");

		private final String logged;

		Refusal(String logged) {
			this.logged = logged;
		}

		/** The reason as the access log keeps it. */
		String logged() {
			return logged;
		}

		/** The refusal of a code in a state other than ACTIVE. */
		static Refusal of(ReferenceNumberState state) {
			return switch (state) {
				case WITHDRAWN -> WITHDRAWN;
				case SUPERSEDED -> SUPERSEDED;
				case BLOCKED -> BLOCKED;
				case ACTIVE -> throw new IllegalArgumentException("an active code is not refused for its state");
			};
		}

	}

	/**
	 * What the check looks at, gathered alike for a known and an unknown code.
	 *
	 * @param found whether a code has the typed code's lookup hash
	 * @param codeMatches whether the stored code equals the typed one
	 * @param birthDateMatches whether the birth dates are equal, or the issuer's terms do
	 * not check it
	 * @param compliant whether the stored code complies with its department's current
	 * policy
	 * @param codeDepartment the code of the code's department, {@code null} when there is
	 * none
	 * @param brandedDepartment the department code of the branded page used, {@code null}
	 * for the general one
	 */
	record Facts(boolean found, boolean codeMatches, boolean birthDateMatches, ReferenceNumberState state,
			Instant validFrom, Instant validTo, boolean compliant, String codeDepartment, String brandedDepartment) {

	}

	/**
	 * The policy itself, without side effects: the first thing wrong, in this order,
	 * refuses; nothing wrong accepts.
	 */
	static Outcome decide(Facts facts, Instant now) {
		if (!facts.found() || !facts.codeMatches()) {
			return new Refused(Refusal.UNKNOWN_CODE);
		}
		if (!facts.birthDateMatches()) {
			return new Refused(Refusal.WRONG_BIRTH_DATE);
		}
		if (facts.state() != ReferenceNumberState.ACTIVE) {
			return new Refused(Refusal.of(facts.state()));
		}
		if (facts.validFrom() != null && now.isBefore(facts.validFrom())) {
			return new Refused(Refusal.NOT_YET_VALID);
		}
		if (facts.validTo() != null && !now.isBefore(facts.validTo())) {
			return new Refused(Refusal.EXPIRED);
		}
		if (!facts.compliant()) {
			return new Refused(Refusal.NON_COMPLIANT);
		}
		if (facts.brandedDepartment() != null && (facts.codeDepartment() == null
				|| !facts.codeDepartment().equalsIgnoreCase(facts.brandedDepartment().strip()))) {
			return new Refused(Refusal.ANOTHER_DEPARTMENT);
		}
		return new Accepted();
	}

	/**
	 * The first step's verdict on a code.
	 *
	 * @param row the code's row, the decoy's when no code was found
	 * @param department the code's department, empty when no code was found
	 */
	record Checked(ReferenceNumberStore.Row row, boolean found, Optional<Department> department,
			Optional<CodeTerms.Terms> terms, Outcome outcome) {

		boolean accepted() {
			return outcome instanceof Accepted;
		}

		/** The reason for the log, {@code null} when accepted. */
		String reason() {
			return outcome instanceof Refused refused ? refused.refusal().logged() : null;
		}

		/** The code the log names: only one that was found. */
		UUID loggedId() {
			return found ? row.id() : null;
		}

	}

	private final ReferenceNumberStore store;

	private final CodeSecrets secrets;

	private final LoginThrottle throttle;

	private final Departments departments;

	private final CodeIssuers issuers;

	/** What an unknown code is compared with, so that it costs what a known one does. */
	private final ReferenceNumberStore.Row decoy;

	private volatile UUID decoyDepartment;

	private final TransactionTemplate transaction;

	private final CodeLookup lookup;

	CodeCheck(ReferenceNumberStore store, CodeSecrets secrets, LoginThrottle throttle, CodeLookup lookup,
			Departments departments, CodeIssuers issuers, PlatformTransactionManager transactions) {
		this.transaction = new TransactionTemplate(transactions);
		this.lookup = lookup;
		this.store = store;
		this.secrets = secrets;
		this.throttle = throttle;
		this.departments = departments;
		this.issuers = issuers;
		SecretBox.Sealed sealed = secrets
			.encrypt(Codes.generate(secrets.random(), ReferenceNumberPolicy.DEFAULT_ALPHABET, 10));
		this.decoy = new ReferenceNumberStore.Row(UUID.randomUUID(), UUID.randomUUID(), null, sealed.cipher(),
				sealed.keyId(), "GENERATED", NO_BIRTH_DATE, Instant.EPOCH, null, null, ReferenceNumberState.ACTIVE, 0,
				0, null, null, 0, false);
	}

	/**
	 * Checks code and birth date; a refusal is counted against the code and the client's
	 * address, an acceptance ends the code's run of failures. The throttle's take and the
	 * code's read are one statement ({@link CodeLookup}), the department and the terms
	 * one read each; only a refusal opens a transaction, in which its count and whatever
	 * {@code refused} writes (its log entry) commit once together (decision 075, decision
	 * 081). An acceptance writes nothing but the refund (and the end of a run of
	 * failures, when one is counted), so its reads need no transaction to commit.
	 * @param brandedDepartment the department whose branded page was used, {@code null}
	 * for the general one
	 * @param client the client's address, for the throttle
	 * @param refused called with a refusal, inside the refusal's transaction when the
	 * code was looked at
	 */
	Checked check(String code, LocalDate birthDate, String brandedDepartment, String client, Instant now,
			Consumer<Checked> refused) {
		String normalized = Codes.normalize(code);
		byte[] hash = secrets.hash("code", normalized);
		CodeLookup.Found found = lookup.takeAndFind(client, hash, decoy.id(), decoyDepartment());
		if (found.taken().isEmpty()) {
			// refused before any code is looked at: the answer depends on the address,
			// not the code
			Checked throttled = new Checked(decoy, false, Optional.empty(), Optional.empty(),
					new Refused(Refusal.THROTTLED));
			refused.accept(throttled);
			return throttled;
		}
		Checked checked = evaluate(found, normalized, birthDate, brandedDepartment, now);
		if (!checked.accepted()) {
			transaction.executeWithoutResult(status -> {
				store.recordFailedLogin(hash, now);
				refused.accept(checked);
			});
			return checked;
		}
		if (checked.row().failedLogins() > 0) {
			store.recordGoodLogin(hash);
		}
		throttle.refund(found.taken().get());
		return checked;
	}

	private Checked evaluate(CodeLookup.Found lookedUp, String normalized, LocalDate birthDate,
			String brandedDepartment, Instant now) {
		Optional<ReferenceNumberStore.Row> found = lookedUp.code();
		ReferenceNumberStore.Row row = found.orElse(decoy);
		Optional<Department> department = lookedUp.department();
		// the terms are read for an unknown code too (the decoy's id), at the same cost
		Optional<CodeTerms.Terms> terms = lookedUp.termsRead() ? lookedUp.terms() : issuers.terms(row.id());
		Facts facts = facts(row, found.isPresent(), department, terms, normalized, birthDate, brandedDepartment);
		return new Checked(row, found.isPresent(), found.isPresent() ? department : Optional.empty(),
				found.isPresent() ? terms : Optional.empty(), decide(facts, now));
	}

	/** Every comparison made, whether or not an earlier one already failed. */
	private Facts facts(ReferenceNumberStore.Row row, boolean found, Optional<Department> department,
			Optional<CodeTerms.Terms> terms, String typed, LocalDate birthDate, String brandedDepartment) {
		String stored = secrets.decrypt(row.codeCipher(), row.keyId());
		boolean compliant = department.map(d -> d.settings().referenceNumbers().complies(stored)).orElse(false);
		boolean birthDateMatches = MessageDigest.isEqual(bytes(row.birthDate()), bytes(birthDate));
		if (terms.isPresent() && !terms.get().birthDateChecked()) {
			// a share code's recipient need not know the birth date: a one-time password
			// is always asked
			birthDateMatches = true;
		}
		boolean codeMatches = MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8),
				typed.getBytes(StandardCharsets.UTF_8));
		String codeDepartment = found ? department.map(d -> d.code().value()).orElse(null) : null;
		return new Facts(found, codeMatches, birthDateMatches, row.state(), row.validFrom(), row.validTo(), compliant,
				codeDepartment, brandedDepartment);
	}

	/**
	 * A department that exists, read for an unknown code as a known code's own is, so
	 * that both cost one department read with its settings. Without departments there are
	 * no codes to tell apart.
	 */
	private UUID decoyDepartment() {
		UUID known = decoyDepartment;
		if (known == null) {
			known = departments.all().stream().findFirst().map(d -> d.id().value()).orElse(decoy.departmentId());
			decoyDepartment = known;
		}
		return known;
	}

	private static byte[] bytes(LocalDate date) {
		return (date == null ? "-" : date.toString()).getBytes(StandardCharsets.US_ASCII);
	}

}
