package org.studygate.refcode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.SecretBox;
import org.studygate.study.StudyCondition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reference-number tables. Codes arrive here only encrypted and hashed. */
@Repository
class ReferenceNumberStore {

	/** Consecutive failures that block a code (docs/product/05-workflows.md). */
	static final int MAX_FAILURES = 5;

	private final JdbcClient jdbc;

	ReferenceNumberStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored reference number, its code still sealed. */
	record Row(UUID id, UUID departmentId, UUID orderId, byte[] codeCipher, String keyId, String origin,
			LocalDate birthDate, Instant generatedAt, Instant validFrom, Instant validTo, ReferenceNumberState state,
			int failedLogins, int failedOtps, byte[] pincodeCipher, String pincodeKeyId, int failedPincodes,
			boolean bucket) {

		boolean inForceAt(Instant now) {
			return (validFrom == null || !now.isBefore(validFrom)) && (validTo == null || now.isBefore(validTo));
		}

	}

	record NewRow(UUID id, UUID departmentId, UUID orderId, byte[] lookupHash, SecretBox.Sealed code, String origin,
			LocalDate birthDate, Instant generatedAt, String generatedBy, Instant validFrom, Instant validTo) {

	}

	void insert(NewRow row, List<UUID> studies) {
		jdbc.sql(
				"""
						insert into refcode.reference_number (id, department_id, order_id, lookup_hash, code_cipher, key_id, origin,
						    patient_birth_date, generated_at, generated_by, valid_from, valid_to)
						values (:id, :department, :order, :hash, :cipher, :keyId, :origin, :birthDate, :at, :by, :from, :to)
						""")
			.param("id", row.id())
			.param("department", row.departmentId())
			.param("order", row.orderId())
			.param("hash", row.lookupHash())
			.param("cipher", row.code().cipher())
			.param("keyId", row.code().keyId())
			.param("origin", row.origin())
			.param("birthDate", row.birthDate())
			.param("at", Timestamp.from(row.generatedAt()))
			.param("by", row.generatedBy())
			.param("from", ts(row.validFrom()))
			.param("to", ts(row.validTo()))
			.update();
		for (UUID study : studies) {
			link(row.id(), study);
		}
	}

	void link(UUID referenceNumber, UUID study) {
		jdbc.sql("""
				insert into refcode.reference_number_study (reference_number_id, study_id) values (:id, :study)
				on conflict do nothing
				""").param("id", referenceNumber).param("study", study).update();
	}

	void markBucket(UUID id) {
		jdbc.sql("update refcode.reference_number set bucket = true where id = :id").param("id", id).update();
	}

	void unlink(UUID referenceNumber, UUID study) {
		jdbc.sql("delete from refcode.reference_number_study where reference_number_id = :id and study_id = :study")
			.param("id", referenceNumber)
			.param("study", study)
			.update();
	}

	void replaceCode(UUID id, byte[] hash, SecretBox.Sealed code) {
		jdbc.sql(
				"update refcode.reference_number set lookup_hash = :hash, code_cipher = :cipher, key_id = :keyId where id = :id")
			.param("id", id)
			.param("hash", hash)
			.param("cipher", code.cipher())
			.param("keyId", code.keyId())
			.update();
	}

	/** The blocked codes of a department, most recently blocked first. */
	List<Row> blocked(UUID department) {
		return jdbc.sql(SELECT
				+ " where department_id = :department and state = 'BLOCKED' order by state_changed_at desc nulls last, id")
			.param("department", department)
			.query(this::row)
			.list();
	}

	Optional<Row> byId(UUID id) {
		return jdbc.sql(SELECT + " where id = :id").param("id", id).query(this::row).optional();
	}

	/** The study's own codes, newest first. */
	List<Row> ofStudy(UUID study) {
		return jdbc.sql(SELECT + """
				 where id in (select reference_number_id from refcode.reference_number_study where study_id = :study)
				  and not bucket
				order by generated_at desc, id
				""").param("study", study).query(this::row).list();
	}

	/**
	 * Every code that opens a study, newest first, with its issuer joined as
	 * {@code r.id}.
	 */
	List<Issued> issuedOf(UUID study, JoinedColumns<CodeTerms.Issuer> issuers) {
		return jdbc.sql("select * from (" + SELECT + """
				 where id in (select reference_number_id from refcode.reference_number_study where study_id = :study)
				) r
				""" + issuers.join() + " order by r.generated_at desc, r.id")
			.param("study", study)
			.query((rs, n) -> new Issued(row(rs, n), issuers.reader().read(rs)))
			.list();
	}

	record Issued(Row row, Optional<CodeTerms.Issuer> issuer) {

	}

	/**
	 * An active code made per order for this order, to which the order's later studies
	 * are added.
	 */
	Optional<Row> activeOfOrder(UUID order) {
		return jdbc.sql(SELECT + " where order_id = :order and state = 'ACTIVE' order by generated_at desc limit 1")
			.param("order", order)
			.query(this::row)
			.optional();
	}

	boolean hasCode(UUID study) {
		return jdbc.sql("select exists (select 1 from refcode.reference_number_study where study_id = :study)")
			.param("study", study)
			.query(Boolean.class)
			.single();
	}

	List<UUID> studiesOf(UUID referenceNumber) {
		return jdbc.sql(
				"select study_id from refcode.reference_number_study where reference_number_id = :id order by study_id")
			.param("id", referenceNumber)
			.query(UUID.class)
			.list();
	}

	/** A code's opening of a study now: until its end, {@code null} = none. */
	record Opening(Instant until) {

	}

	/**
	 * Whether a code opens the study now (active, in force and linked to it), and until
	 * when.
	 */
	Optional<Opening> opening(UUID referenceNumber, UUID study, Instant now) {
		return jdbc.sql("""
				select r.valid_to from refcode.reference_number r
				    join refcode.reference_number_study l on l.reference_number_id = r.id
				    where r.id = :id and l.study_id = :study and r.state = 'ACTIVE'
				      and (r.valid_from is null or r.valid_from <= :now) and (r.valid_to is null or r.valid_to > :now)
				""")
			.param("id", referenceNumber)
			.param("study", study)
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new Opening(
					rs.getTimestamp("valid_to") == null ? null : rs.getTimestamp("valid_to").toInstant()))
			.optional();
	}

	/** The studies a code opens now, as a condition of the study module's queries. */
	static StudyCondition openedStudies(UUID referenceNumber, Instant now) {
		Timestamp at = Timestamp.from(now);
		return StudyCondition.of("""
				s.id in (select l.study_id from refcode.reference_number_study l
				    join refcode.reference_number r on r.id = l.reference_number_id
				    where r.id = ? and r.state = 'ACTIVE' and (r.valid_from is null or r.valid_from <= ?)
				      and (r.valid_to is null or r.valid_to > ?))""", referenceNumber, at, at);
	}

	/**
	 * Counts a failed login of the code with this hash while it is active, blocking it at
	 * the fifth consecutive failure; a hash no code has changes nothing, at the same
	 * cost.
	 */
	void recordFailedLogin(byte[] hash, Instant now) {
		jdbc.sql(
				"""
						with counted as (
						    update refcode.reference_number
						    set failed_logins = failed_logins + 1,
						        state = case when failed_logins + 1 >= :max then 'BLOCKED' else state end,
						        state_changed_at = case when failed_logins + 1 >= :max then :now else state_changed_at end,
						        state_changed_by = case when failed_logins + 1 >= :max then 'failed logins' else state_changed_by end
						    where lookup_hash = :hash and state = 'ACTIVE'
						    returning id)
						insert into refcode.login_failure (at) select :now from (select count(*) from counted) c
						""")
			.param("hash", hash)
			.param("max", MAX_FAILURES)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** A successful code and birth date ends the run of consecutive failures. */
	void recordGoodLogin(byte[] hash) {
		jdbc.sql("update refcode.reference_number set failed_logins = 0 where lookup_hash = :hash and state = 'ACTIVE'")
			.param("hash", hash)
			.update();
	}

	/**
	 * Counts a wrong OTP or pincode; the fifth blocks the code. The count is kept after a
	 * right one (the Access tab shows it) and starts again only when the code is
	 * unblocked. Answers the count now.
	 */
	int recordFailedSecret(UUID id, String column, Instant now) {
		String counter = switch (column) {
			case "otp" -> "failed_otps";
			case "pincode" -> "failed_pincodes";
			default -> throw new IllegalArgumentException(column);
		};
		return jdbc
			.sql("update refcode.reference_number set " + counter + " = " + counter + " + 1, state = case when "
					+ counter
					+ " + 1 >= :max and state = 'ACTIVE' then 'BLOCKED' else state end, state_changed_at = case when "
					+ counter
					+ " + 1 >= :max and state = 'ACTIVE' then :now else state_changed_at end where id = :id returning "
					+ counter)
			.param("id", id)
			.param("max", MAX_FAILURES)
			.param("now", Timestamp.from(now))
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/**
	 * Moves a code to a new state; answers whether it was in one of the expected states.
	 */
	boolean changeState(UUID id, List<ReferenceNumberState> from, ReferenceNumberState to, String by, Instant now) {
		return jdbc.sql("""
				update refcode.reference_number set state = :to, state_changed_at = :now, state_changed_by = :by,
				    failed_logins = case when :to = 'ACTIVE' then 0 else failed_logins end,
				    failed_otps = case when :to = 'ACTIVE' then 0 else failed_otps end,
				    failed_pincodes = case when :to = 'ACTIVE' then 0 else failed_pincodes end
				where id = :id and state = any(:from)
				""")
			.param("id", id)
			.param("to", to.name())
			.param("from", from.stream().map(Enum::name).toArray(String[]::new))
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	void setPincode(UUID id, SecretBox.Sealed pincode) {
		jdbc.sql(
				"update refcode.reference_number set pincode_cipher = :cipher, pincode_key_id = :keyId, failed_pincodes = 0 where id = :id")
			.param("id", id)
			.param("cipher", pincode.cipher())
			.param("keyId", pincode.keyId())
			.update();
	}

	void replaceOtp(UUID id, byte[] hash, Instant now, Instant expiresAt) {
		jdbc.sql(
				"""
						insert into refcode.otp (reference_number_id, hash, created_at, expires_at) values (:id, :hash, :now, :expires)
						on conflict (reference_number_id) do update set hash = excluded.hash, created_at = excluded.created_at,
						    expires_at = excluded.expires_at
						""")
			.param("id", id)
			.param("hash", hash)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(expiresAt))
			.update();
	}

	/** The newest OTP's hash while it is valid. */
	Optional<byte[]> otp(UUID id, Instant now) {
		return jdbc.sql("select hash from refcode.otp where reference_number_id = :id and expires_at > :now")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	void deleteOtp(UUID id) {
		jdbc.sql("delete from refcode.otp where reference_number_id = :id").param("id", id).update();
	}

	void recordPayment(UUID id, String providerReference, int amountCents, Instant now) {
		jdbc.sql("""
				insert into refcode.payment (id, reference_number_id, provider_reference, amount_cents, paid_at)
				values (:pid, :id, :ref, :amount, :now)
				""")
			.param("pid", UUID.randomUUID())
			.param("id", id)
			.param("ref", providerReference)
			.param("amount", amountCents)
			.param("now", Timestamp.from(now))
			.update();
	}

	static final String COLUMNS = """
			id, department_id, order_id, code_cipher, key_id, origin, patient_birth_date, generated_at, valid_from,
			       valid_to, state, failed_logins, failed_otps, pincode_cipher, pincode_key_id, failed_pincodes, bucket""";

	private static final String SELECT = "select " + COLUMNS + " from refcode.reference_number";

	Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getObject("department_id", UUID.class),
				rs.getObject("order_id", UUID.class), rs.getBytes("code_cipher"), rs.getString("key_id"),
				rs.getString("origin"), rs.getObject("patient_birth_date", LocalDate.class),
				rs.getTimestamp("generated_at").toInstant(), instant(rs.getTimestamp("valid_from")),
				instant(rs.getTimestamp("valid_to")), ReferenceNumberState.valueOf(rs.getString("state")),
				rs.getInt("failed_logins"), rs.getInt("failed_otps"), rs.getBytes("pincode_cipher"),
				rs.getString("pincode_key_id"), rs.getInt("failed_pincodes"), rs.getBoolean("bucket"));
	}

	private static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
