package org.studygate.refcode;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.ConflictException;
import org.studygate.department.Department;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.directory.Actor;

import org.springframework.stereotype.Service;

/**
 * The reference-number machinery offered to modules that make codes of their own, such as
 * buckets (decision 020): a code for several studies generated per the department's
 * policy, encrypted and hashed like every code, accepted by the patient login with the
 * same rules. The caller decides who may do what; these methods only change the code and
 * never log, the caller publishes its own events. Codes made here are marked as bucket
 * codes and stay out of a study's Reference numbers section.
 */
@Service
public class BucketCodes {

	private final ReferenceNumberStore store;

	private final CodeSecrets secrets;

	private final Clock clock;

	BucketCodes(ReferenceNumberStore store, CodeSecrets secrets, Clock clock) {
		this.store = store;
		this.secrets = secrets;
		this.clock = clock;
	}

	/** A code's state as the Buckets section and the blocked page show it. */
	public record CodeStatus(UUID id, UUID departmentId, ReferenceNumberState state, Instant validFrom, Instant validTo,
			int failedLogins, int failedOtps, int failedPincodes, boolean bucket) {

		public boolean blocked() {
			return state == ReferenceNumberState.BLOCKED;
		}

	}

	/** Makes a code for the studies; the clear code is answered this once. */
	public IssuedCode issue(Department department, LocalDate birthDate, List<UUID> studies, Instant validFrom,
			Instant validTo, Actor by) {
		if (birthDate == null) {
			throw new ConflictException(ReferenceNumbers.NO_BIRTH_DATE);
		}
		ReferenceNumberPolicy policy = department.settings().referenceNumbers();
		String code = Codes.generate(secrets.random(), policy.alphabet(), policy.length());
		UUID id = UUID.randomUUID();
		store.insert(
				new ReferenceNumberStore.NewRow(id, department.id().value(), null, secrets.hash("code", code),
						secrets.encrypt(code), "GENERATED", birthDate, clock.instant(), by.name(), validFrom, validTo),
				studies);
		store.markBucket(id);
		return new IssuedCode(id, code);
	}

	/** The code in clear, to print it on a letter or send it to a share's recipient. */
	public Optional<String> clear(UUID codeId) {
		return store.byId(codeId).map(r -> secrets.decrypt(r.codeCipher(), r.keyId()));
	}

	public Optional<CodeStatus> status(UUID codeId) {
		return store.byId(codeId).map(r -> status(r, r.bucket()));
	}

	/**
	 * A code's state read in another module's statement rather than by a query of its
	 * own, joined on the code's id expression, its columns named {@code x_code_*}
	 * (docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md). The table
	 * stays this module's.
	 */
	public JoinedColumns<CodeStatus> statusColumns(String codeIdExpression) {
		return new JoinedColumns<>(
				"""
						left join lateral (select id as x_code_id, department_id as x_code_department_id, state as x_code_state,
						    valid_from as x_code_valid_from, valid_to as x_code_valid_to, failed_logins as x_code_failed_logins,
						    failed_otps as x_code_failed_otps, failed_pincodes as x_code_failed_pincodes, bucket as x_code_bucket
						  from refcode.reference_number where id = (%s)) x_code on true
						"""
					.formatted(codeIdExpression),
				rs -> rs.getObject("x_code_id") == null ? Optional.empty()
						: Optional.of(new CodeStatus(rs.getObject("x_code_id", UUID.class),
								rs.getObject("x_code_department_id", UUID.class),
								ReferenceNumberState.valueOf(rs.getString("x_code_state")),
								instant(rs.getTimestamp("x_code_valid_from")),
								instant(rs.getTimestamp("x_code_valid_to")), rs.getInt("x_code_failed_logins"),
								rs.getInt("x_code_failed_otps"), rs.getInt("x_code_failed_pincodes"),
								rs.getBoolean("x_code_bucket"))));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** Takes one study out of the code: the code no longer opens it. */
	public void detach(UUID codeId, UUID studyId) {
		store.unlink(codeId, studyId);
	}

	/** Takes every study out and withdraws the code. */
	public void kill(UUID codeId, Actor by) {
		for (UUID study : store.studiesOf(codeId)) {
			store.unlink(codeId, study);
		}
		store.changeState(codeId, List.of(ReferenceNumberState.ACTIVE, ReferenceNumberState.BLOCKED),
				ReferenceNumberState.WITHDRAWN, by.name(), clock.instant());
	}

	/**
	 * Stops a code in use from opening anything (its bucket's access revoked); answers
	 * the state it had, to {@link #reinstate} it later, empty when it was not in use.
	 */
	public Optional<ReferenceNumberState> suspend(UUID codeId, Actor by) {
		Optional<ReferenceNumberState> before = store.byId(codeId).map(ReferenceNumberStore.Row::state);
		List<ReferenceNumberState> inUse = List.of(ReferenceNumberState.ACTIVE, ReferenceNumberState.BLOCKED);
		if (before.isEmpty() || !inUse.contains(before.get())
				|| !store.changeState(codeId, inUse, ReferenceNumberState.WITHDRAWN, by.name(), clock.instant())) {
			return Optional.empty();
		}
		return before;
	}

	/** Gives a suspended code back the state it had. */
	public void reinstate(UUID codeId, ReferenceNumberState state, Actor by) {
		store.changeState(codeId, List.of(ReferenceNumberState.WITHDRAWN), state, by.name(), clock.instant());
	}

	/**
	 * Unblocks a blocked code and resets its counters; answers whether it was blocked.
	 */
	public boolean unblock(UUID codeId, Actor by) {
		return store.changeState(codeId, List.of(ReferenceNumberState.BLOCKED), ReferenceNumberState.ACTIVE, by.name(),
				clock.instant());
	}

	/**
	 * Unblocks a blocked code and gives it a new secret per the department's current
	 * policy, so the old code opens nothing any more; the new one is answered in clear
	 * this once. Empty when the code was not blocked.
	 */
	public Optional<IssuedCode> unblockWithNewCode(UUID codeId, Department department, Actor by) {
		if (!unblock(codeId, by)) {
			return Optional.empty();
		}
		ReferenceNumberPolicy policy = department.settings().referenceNumbers();
		String code = Codes.generate(secrets.random(), policy.alphabet(), policy.length());
		store.replaceCode(codeId, secrets.hash("code", code), secrets.encrypt(code));
		store.deleteOtp(codeId);
		return Optional.of(new IssuedCode(codeId, code));
	}

	/**
	 * The blocked codes of a department, bucket codes and reference numbers alike, newest
	 * first.
	 */
	public List<CodeStatus> blocked(UUID departmentId) {
		return store.blocked(departmentId).stream().map(r -> status(r, r.bucket())).toList();
	}

	/** The studies a code opens (for a reference number's blocked row). */
	public List<UUID> studiesOf(UUID codeId) {
		return store.studiesOf(codeId);
	}

	private static CodeStatus status(ReferenceNumberStore.Row r, boolean bucket) {
		return new CodeStatus(r.id(), r.departmentId(), r.state(), r.validFrom(), r.validTo(), r.failedLogins(),
				r.failedOtps(), r.failedPincodes(), bucket);
	}

}
