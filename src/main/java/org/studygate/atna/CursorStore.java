package org.studygate.atna;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the ATNA export: its cursor and the lock that one exporter holds. */
@Repository
class CursorStore {

	/** The class of the export's advisory locks; the second key is the cursor's name. */
	static final int LOCK_CLASS = 0x47A7_A0D1;

	private final JdbcClient jdbc;

	CursorStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The state of one export's cursor. */
	record Cursor(String name, long lastSeq, long sent, long archivedSkipped, Instant lastSentAt, String lastError,
			Instant lastErrorAt, int failures) {

	}

	/** Creates the cursor at {@code seq} unless it exists. */
	void create(String name, long seq) {
		jdbc.sql("insert into atna.export_cursor (name, last_seq) values (:name, :seq) on conflict do nothing")
			.param("name", name)
			.param("seq", seq)
			.update();
	}

	/**
	 * Takes the export's lock for the current transaction; false when another instance
	 * holds it.
	 */
	boolean tryLock(String name) {
		return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:lockClass, hashtext(:name))")
			.param("lockClass", LOCK_CLASS)
			.param("name", name)
			.query(Boolean.class)
			.single());
	}

	Cursor find(String name) {
		create(name, 0);
		return jdbc.sql("""
				select name, last_seq, sent, archived_skipped, last_sent_at, last_error, last_error_at, failures
				from atna.export_cursor where name = :name
				""")
			.param("name", name)
			.query((rs, n) -> new Cursor(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					instant(rs.getTimestamp(5)), rs.getString(6), instant(rs.getTimestamp(7)), rs.getInt(8)))
			.single();
	}

	/**
	 * Moves the cursor from {@code from} to {@code to} after the repository accepted the
	 * messages; false when somebody moved it meanwhile.
	 */
	boolean advance(String name, long from, long to, int sent, int archived, Instant at) {
		return jdbc.sql("""
				update atna.export_cursor set last_seq = :to, sent = sent + :sent,
				       archived_skipped = archived_skipped + :archived, last_sent_at = :at, failures = 0
				where name = :name and last_seq = :from
				""")
			.param("name", name)
			.param("from", from)
			.param("to", to)
			.param("sent", sent)
			.param("archived", archived)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	/** Records a failed attempt: what went wrong (no patient data), when, how often. */
	void failed(String name, String error, Instant at) {
		jdbc.sql("""
				update atna.export_cursor set last_error = :error, last_error_at = :at, failures = failures + 1
				where name = :name
				""")
			.param("name", name)
			.param("error", error.length() > 500 ? error.substring(0, 500) : error)
			.param("at", Timestamp.from(at))
			.update();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
