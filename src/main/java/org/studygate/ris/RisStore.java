package org.studygate.ris;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.Sealing;
import org.studygate.SecretBox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The RIS interface's tables: received messages (raw text sealed), the orders they
 * carried and the reports with their versions.
 */
@Repository
class RisStore {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	RisStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	// ---------------------------------------------------------------- messages

	/** A message as kept, the raw text still sealed. */
	record Kept(UUID id, String sendingFacility, String controlId, MessageOutcome outcome, SecretBox.Sealed raw) {

	}

	/**
	 * Keeps a new message; {@code false} when a message with its sending facility and
	 * control id is kept already (the idempotence look-up and the insert in one
	 * statement).
	 */
	boolean insert(UUID id, Hl7.Header header, SecretBox.Sealed raw, Instant now) {
		return jdbc.sql("""
				insert into ris.message (id, sending_facility, control_id, message_type, received_at, raw_cipher,
				    raw_key_id, outcome)
				values (:id, :facility, :control, :type, :now, :cipher, :keyId, 'ERROR')
				on conflict do nothing
				""")
			.param("id", id)
			.param("facility", header == null ? null : header.sendingFacility())
			.param("control", header == null ? null : header.controlId())
			.param("type", header == null ? null : header.messageType())
			.param("now", Timestamp.from(now))
			.param("cipher", raw.cipher())
			.param("keyId", raw.keyId())
			.update() == 1;
	}

	/**
	 * Keeps a new message as applied to the department, its insert preceded by the
	 * declaration of the message's savepoint in the same round trip (decision 072);
	 * {@code false} when a message with its sending facility and control id is kept
	 * already. When the message then fails, {@link #rollbackTo} undoes its row with the
	 * rest of its writes.
	 */
	boolean insertApplied(String savepoint, UUID id, Hl7.Header header, SecretBox.Sealed raw, UUID departmentId,
			Instant now) {
		String sql = "savepoint " + savepointName(savepoint) + ";" + """
				insert into ris.message (id, sending_facility, control_id, message_type, received_at, raw_cipher,
				    raw_key_id, outcome, department_id, applied_at)
				values (?, ?, ?, ?, ?, ?, ?, 'APPLIED', ?, ?)
				on conflict do nothing
				""";
		Boolean inserted = jdbcTemplate.execute(sql, (PreparedStatementCallback<Boolean>) statement -> {
			Timestamp at = Timestamp.from(now);
			statement.setObject(1, id);
			statement.setString(2, header.sendingFacility());
			statement.setString(3, header.controlId());
			statement.setString(4, header.messageType());
			statement.setTimestamp(5, at);
			statement.setBytes(6, raw.cipher());
			statement.setString(7, raw.keyId());
			statement.setObject(8, departmentId);
			statement.setTimestamp(9, at);
			statement.execute();
			// the first result is the savepoint's, the second the insert's
			statement.getMoreResults();
			return statement.getUpdateCount() == 1;
		});
		return Boolean.TRUE.equals(inserted);
	}

	/** Undoes what was written since the savepoint {@link #insertApplied} declared. */
	void rollbackTo(String savepoint) {
		jdbcTemplate.execute("rollback to savepoint " + savepointName(savepoint));
	}

	private static String savepointName(String name) {
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("not a savepoint name");
		}
		return name;
	}

	/**
	 * Keeps a new message with its outcome in one statement; {@code false} when its
	 * control id is kept already.
	 */
	boolean insertSettled(UUID id, Hl7.Header header, SecretBox.Sealed raw, MessageOutcome outcome, String reason,
			Instant now) {
		return jdbc.sql("""
				insert into ris.message (id, sending_facility, control_id, message_type, received_at, raw_cipher,
				    raw_key_id, outcome, reason)
				values (:id, :facility, :control, :type, :now, :cipher, :keyId, :outcome, :reason)
				on conflict do nothing
				""")
			.param("id", id)
			.param("facility", header.sendingFacility())
			.param("control", header.controlId())
			.param("type", header.messageType())
			.param("now", Timestamp.from(now))
			.param("cipher", raw.cipher())
			.param("keyId", raw.keyId())
			.param("outcome", outcome.name())
			.param("reason", reason)
			.update() == 1;
	}

	void settle(UUID id, MessageOutcome outcome, String reason, UUID departmentId, Instant now) {
		jdbc.sql("""
				update ris.message set outcome = :outcome, reason = :reason,
				    department_id = coalesce(:department, department_id),
				    applied_at = case when :outcome = 'APPLIED' then :now else applied_at end
				where id = :id
				""")
			.param("outcome", outcome.name())
			.param("reason", reason)
			.param("department", departmentId)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	void countAttempt(UUID id) {
		jdbc.sql("update ris.message set attempts = attempts + 1 where id = :id").param("id", id).update();
	}

	void countDuplicate(UUID id) {
		jdbc.sql("update ris.message set duplicates = duplicates + 1 where id = :id").param("id", id).update();
	}

	Optional<Kept> findByControl(String facility, String controlId) {
		return jdbc.sql("""
				select id, sending_facility, control_id, outcome, raw_cipher, raw_key_id from ris.message
				where sending_facility is not distinct from :facility and control_id = :control
				""").param("facility", facility).param("control", controlId).query((rs, n) -> kept(rs)).optional();
	}

	Optional<Kept> find(UUID id) {
		return jdbc.sql("""
				select id, sending_facility, control_id, outcome, raw_cipher, raw_key_id from ris.message
				where id = :id
				""").param("id", id).query((rs, n) -> kept(rs)).optional();
	}

	private static Kept kept(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Kept(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
				MessageOutcome.valueOf(rs.getString(4)), new SecretBox.Sealed(rs.getBytes(5), rs.getString(6)));
	}

	private static final String LINE = """
			select id, received_at, sending_facility, control_id, message_type, outcome, reason, attempts, duplicates
			from ris.message
			""";

	/** The newest messages, optionally only those with this outcome. */
	List<MessageLine> newest(MessageOutcome outcome, int limit) {
		return jdbc.sql(LINE + """
				where (cast(:outcome as text) is null or outcome = :outcome)
				order by received_at desc, id desc limit :limit
				""")
			.param("outcome", outcome == null ? null : outcome.name())
			.param("limit", limit)
			.query((rs, n) -> line(rs))
			.list();
	}

	Optional<MessageLine> line(UUID id) {
		return jdbc.sql(LINE + " where id = :id").param("id", id).query((rs, n) -> line(rs)).optional();
	}

	private static MessageLine line(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new MessageLine(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3),
				rs.getString(4), rs.getString(5), MessageOutcome.valueOf(rs.getString(6)), rs.getString(7),
				rs.getInt(8), rs.getInt(9));
	}

	// ---------------------------------------------------------------- orders

	/** The RIS's view of an order: its state and what joins it to its study. */
	record RisOrder(String accessionNumber, String placerNumber, String studyInstanceUid, boolean cancelled,
			boolean paymentRequired) {

	}

	void saveOrder(UUID departmentId, RisOrder order, Instant now) {
		jdbc.sql("""
				insert into ris.ris_order (id, department_id, accession_number, placer_number, study_instance_uid,
				    cancelled, payment_required, updated_at)
				values (:id, :department, :accession, :placer, :uid, :cancelled, :payment, :now)
				on conflict (department_id, accession_number) do update set
				    placer_number = coalesce(excluded.placer_number, ris.ris_order.placer_number),
				    study_instance_uid = coalesce(excluded.study_instance_uid, ris.ris_order.study_instance_uid),
				    cancelled = excluded.cancelled, payment_required = excluded.payment_required,
				    updated_at = excluded.updated_at
				""")
			.param("id", UUID.randomUUID())
			.param("department", departmentId)
			.param("accession", order.accessionNumber())
			.param("placer", order.placerNumber())
			.param("uid", order.studyInstanceUid())
			.param("cancelled", order.cancelled())
			.param("payment", order.paymentRequired())
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * The order with this accession number or, when none is given, this placer number.
	 */
	Optional<RisOrder> findOrder(UUID departmentId, String accession, String placer) {
		return jdbc.sql("""
				select accession_number, placer_number, study_instance_uid, cancelled, payment_required
				from ris.ris_order where department_id = :department
				  and (accession_number = :accession or (cast(:accession as text) is null and placer_number = :placer))
				limit 1
				""")
			.param("department", departmentId)
			.param("accession", accession)
			.param("placer", placer)
			.query((rs, n) -> new RisOrder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
					rs.getBoolean(5)))
			.optional();
	}

	// ---------------------------------------------------------------- reports

	/** A report version to keep. */
	record NewVersion(ReportStatus status, String text, byte[] pdf, String radiologist, Instant reportedAt) {

	}

	/** Keeps the next version of the study's report; answers its number. */
	int addVersion(UUID studyId, NewVersion report, Instant now) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext(cast(:study as text)))")
			.param("study", studyId)
			.query()
			.singleRow();
		return jdbc.sql("""
				insert into ris.report (id, study_id, version, status, body, pdf, radiologist, reported_at, received_at)
				select :id, :study, coalesce(max(version), 0) + 1, :status, :body, :pdf, :radiologist, :reportedAt, :now
				from ris.report where study_id = :study
				returning version
				""")
			.param("id", UUID.randomUUID())
			.param("study", studyId)
			.param("status", report.status().name())
			.param("body", report.text())
			.param("pdf", report.pdf())
			.param("radiologist", report.radiologist())
			.param("reportedAt", Timestamp.from(report.reportedAt()))
			.param("now", Timestamp.from(now))
			.query(Integer.class)
			.single();
	}

	/**
	 * Every version of the study's report, newest first, with whether it has a document.
	 */
	List<Report.Version> versions(UUID studyId) {
		return jdbc.sql("""
				select version, status, reported_at, radiologist, body from ris.report
				where study_id = :study order by version desc
				""")
			.param("study", studyId)
			.query((rs, n) -> new Report.Version(rs.getInt(1), ReportStatus.valueOf(rs.getString(2)),
					rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)))
			.list();
	}

	/** The document of the newest version, if it has one. */
	Optional<byte[]> lastPdf(UUID studyId) {
		List<byte[]> newest = jdbc
			.sql("select pdf from ris.report where study_id = :study order by version desc limit 1")
			.param("study", studyId)
			.query((rs, n) -> rs.getBytes(1))
			.list();
		return newest.isEmpty() ? Optional.empty() : Optional.ofNullable(newest.get(0));
	}

	/** Whether the newest version has a document. */
	boolean lastHasPdf(UUID studyId) {
		return jdbc.sql("select pdf is not null from ris.report where study_id = :study order by version desc limit 1")
			.param("study", studyId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

}
