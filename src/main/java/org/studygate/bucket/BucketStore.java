package org.studygate.bucket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.refcode.BucketCodes;
import org.studygate.refcode.JoinedColumns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The bucket tables. */
@Repository
class BucketStore {

	private final JdbcClient jdbc;

	BucketStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Row(UUID id, UUID departmentId, UUID codeId, String kind, String label, String reason, String verification,
			String scope, String language, Instant validFrom, Instant validUntil, boolean patientAgreed,
			String recipientEmail, String recipientMobile, Instant createdAt, String createdBy, String state,
			String blockedReason, Instant stateChangedAt, String stateChangedBy, String revokeReason) {

		Row(UUID id, UUID departmentId, UUID codeId, String kind, String label, String reason, String verification,
				String scope, String language, Instant validFrom, Instant validUntil, boolean patientAgreed,
				String recipientEmail, String recipientMobile, Instant createdAt, String createdBy, String state) {
			this(id, departmentId, codeId, kind, label, reason, verification, scope, language, validFrom, validUntil,
					patientAgreed, recipientEmail, recipientMobile, createdAt, createdBy, state, null, null, null,
					null);
		}

	}

	void insert(Row row, List<UUID> studies) {
		jdbc.sql(
				"""
						insert into bucket.bucket (id, department_id, code_id, kind, label, reason, verification, scope, language,
						    valid_from, valid_until, patient_agreed, recipient_email, recipient_mobile, created_at, created_by)
						values (:id, :department, :code, :kind, :label, :reason, :verification, :scope, :language, :from, :until,
						    :agreed, :email, :mobile, :at, :by)
						""")
			.param("id", row.id())
			.param("department", row.departmentId())
			.param("code", row.codeId())
			.param("kind", row.kind())
			.param("label", row.label())
			.param("reason", row.reason())
			.param("verification", row.verification())
			.param("scope", row.scope())
			.param("language", row.language())
			.param("from", ts(row.validFrom()))
			.param("until", ts(row.validUntil()))
			.param("agreed", row.patientAgreed())
			.param("email", row.recipientEmail())
			.param("mobile", row.recipientMobile())
			.param("at", Timestamp.from(row.createdAt()))
			.param("by", row.createdBy())
			.update();
		for (UUID study : studies) {
			jdbc.sql(
					"insert into bucket.bucket_study (bucket_id, study_id) values (:id, :study) on conflict do nothing")
				.param("id", row.id())
				.param("study", study)
				.update();
		}
	}

	Optional<Row> byId(UUID id) {
		return jdbc.sql(SELECT + " where id = :id").param("id", id).query(this::row).optional();
	}

	Optional<Row> byCode(UUID codeId) {
		return jdbc.sql(SELECT + " where code_id = :code").param("code", codeId).query(this::row).optional();
	}

	/**
	 * A bucket of a study's Buckets section: when and by whom the study left it (both
	 * {@code null} while it is held) and the studies it holds now.
	 */
	record Held(Row row, Removal removal, List<UUID> studies, Optional<BucketCodes.CodeStatus> code) {

	}

	/**
	 * The buckets that hold or held the study (a removed study's link is ended, not
	 * deleted), newest first, each with the study's removal, the studies it holds now and
	 * its code's state, in one query
	 * (docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md).
	 */
	List<Held> sectionOf(UUID study, JoinedColumns<BucketCodes.CodeStatus> codes) {
		return jdbc.sql("""
				select b.*, l.removed_at as link_removed_at, l.removed_by as link_removed_by,
				       array(select h.study_id from bucket.bucket_study h
				             where h.bucket_id = b.id and h.removed_at is null order by h.study_id) as held,
				       x_code.*
				from (""" + SELECT + """
				) b join bucket.bucket_study l on l.bucket_id = b.id and l.study_id = :study
				""" + codes.join() + """
				order by b.created_at desc, b.id
				""").param("study", study).query((rs, n) -> {
			Timestamp removedAt = rs.getTimestamp("link_removed_at");
			Removal removal = removedAt == null ? null
					: new Removal(removedAt.toInstant(), rs.getString("link_removed_by"));
			return new Held(row(rs, n), removal, List.of((UUID[]) rs.getArray("held").getArray()),
					codes.reader().read(rs));
		}).list();
	}

	/** The studies the bucket holds now. */
	List<UUID> studiesOf(UUID bucket) {
		return jdbc.sql(
				"select study_id from bucket.bucket_study where bucket_id = :id and removed_at is null order by study_id")
			.param("id", bucket)
			.query(UUID.class)
			.list();
	}

	record Removal(Instant at, String by) {

	}

	boolean removeStudy(UUID bucket, UUID study, String by, Instant now) {
		return jdbc.sql("""
				update bucket.bucket_study set removed_at = :now, removed_by = :by
				where bucket_id = :id and study_id = :study and removed_at is null
				""")
			.param("id", bucket)
			.param("study", study)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	void removeAll(UUID bucket, String by, Instant now) {
		jdbc.sql("""
				update bucket.bucket_study set removed_at = :now, removed_by = :by
				where bucket_id = :id and removed_at is null
				""").param("id", bucket).param("by", by).param("now", Timestamp.from(now)).update();
	}

	/** Keeps why the bucket was revoked and what it and its code were before. */
	void revoked(UUID bucket, String reason, String from, String codeState) {
		jdbc.sql("""
				update bucket.bucket set revoke_reason = :reason, revoked_from = :from, revoked_code_state = :code
				where id = :id
				""").param("id", bucket).param("reason", reason).param("from", from).param("code", codeState).update();
	}

	/** The bucket's state and its code's state before it was revoked. */
	Optional<Revocation> revocation(UUID bucket) {
		return jdbc
			.sql("select revoked_from, revoked_code_state from bucket.bucket where id = :id and state = 'REVOKED'")
			.param("id", bucket)
			.query((rs, n) -> new Revocation(rs.getString(1), rs.getString(2)))
			.optional();
	}

	record Revocation(String from, String codeState) {

	}

	boolean changeState(UUID id, String from, String to, String by, Instant now) {
		return jdbc.sql("""
				update bucket.bucket set state = :to, state_changed_at = :now, state_changed_by = :by
				where id = :id and state = :from
				""")
			.param("id", id)
			.param("from", from)
			.param("to", to)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	private static final String SELECT = """
			select id, department_id, code_id, kind, label, reason, verification, scope, language, valid_from, valid_until,
			       patient_agreed, recipient_email, recipient_mobile, created_at, created_by, state, blocked_reason,
			       state_changed_at, state_changed_by, revoke_reason
			from bucket.bucket""";

	private Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getObject("department_id", UUID.class),
				rs.getObject("code_id", UUID.class), rs.getString("kind"), rs.getString("label"),
				rs.getString("reason"), rs.getString("verification"), rs.getString("scope"), rs.getString("language"),
				instant(rs.getTimestamp("valid_from")), instant(rs.getTimestamp("valid_until")),
				rs.getBoolean("patient_agreed"), rs.getString("recipient_email"), rs.getString("recipient_mobile"),
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rs.getString("state"),
				rs.getString("blocked_reason"), instant(rs.getTimestamp("state_changed_at")),
				rs.getString("state_changed_by"), rs.getString("revoke_reason"));
	}

	private static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
