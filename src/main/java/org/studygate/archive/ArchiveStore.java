package org.studygate.archive;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The archive module's tables: where the change feed stands, the studies of the archive
 * that could not be registered, and the retrieval windows already logged.
 */
@Repository
class ArchiveStore {

	private final JdbcClient jdbc;

	ArchiveStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// ---------------------------------------------------------------- ingestion

	/** The sequence number of the last change processed. */
	long lastChange() {
		return jdbc.sql("select last_change from archive.ingestion_cursor where id = 1").query(Long.class).single();
	}

	/**
	 * {@link #lastChange()}, locked until the transaction ends, so that one change is
	 * processed once.
	 */
	long lockCursor() {
		return jdbc.sql("select last_change from archive.ingestion_cursor where id = 1 for update")
			.query(Long.class)
			.single();
	}

	void advance(long seq, Instant now) {
		jdbc.sql("update archive.ingestion_cursor set last_change = :seq, updated_at = :now where id = 1")
			.param("seq", seq)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Keeps a study of the archive as not registered, with why; the latest reason wins.
	 */
	void unmatched(String uid, ArchivedStudy archived, String reason, Instant now) {
		jdbc.sql(
				"""
						insert into archive.unmatched_study (study_instance_uid, archive_id, remote_aet, institution_name, reason, seen_at)
						values (:uid, :archiveId, :aet, :institution, :reason, :now)
						on conflict (study_instance_uid) do update set archive_id = excluded.archive_id,
						    remote_aet = excluded.remote_aet, institution_name = excluded.institution_name,
						    reason = excluded.reason, seen_at = excluded.seen_at
						""")
			.param("uid", uid)
			.param("archiveId", archived.archiveId())
			.param("aet", archived.remoteAet())
			.param("institution", archived.tag("InstitutionName"))
			.param("reason", reason)
			.param("now", Timestamp.from(now))
			.update();
	}

	void matched(String uid) {
		jdbc.sql("delete from archive.unmatched_study where study_instance_uid = :uid").param("uid", uid).update();
	}

	List<String> unmatchedReasons(String studyInstanceUid) {
		return jdbc.sql("select reason from archive.unmatched_study where study_instance_uid = :uid")
			.param("uid", studyInstanceUid)
			.query(String.class)
			.list();
	}

	/** The studies of the archive that are not registered, newest first. */
	List<UnmatchedStudy> unmatched(int limit) {
		return jdbc.sql("""
				select study_instance_uid, archive_id, remote_aet, institution_name, reason, seen_at
				from archive.unmatched_study order by seen_at desc, study_instance_uid limit :limit
				""").param("limit", limit).query(ArchiveStore::unmatchedRow).list();
	}

	Optional<UnmatchedStudy> unmatchedStudy(String studyInstanceUid) {
		return jdbc.sql("""
				select study_instance_uid, archive_id, remote_aet, institution_name, reason, seen_at
				from archive.unmatched_study where study_instance_uid = :uid
				""").param("uid", studyInstanceUid).query(ArchiveStore::unmatchedRow).optional();
	}

	int unmatchedCount() {
		return jdbc.sql("select count(*) from archive.unmatched_study").query(Integer.class).single();
	}

	private static UnmatchedStudy unmatchedRow(ResultSet rs, int row) throws SQLException {
		return new UnmatchedStudy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getTimestamp(6).toInstant());
	}

	// ---------------------------------------------------------------- retrieval windows

	/**
	 * Records a retrieval window; {@code true} when it is the first retrieval of the
	 * window.
	 */
	boolean openWindow(String actorKey, UUID studyId, Instant windowStart) {
		return jdbc.sql("""
				insert into archive.retrieval_window (actor_key, study_id, window_start)
				values (:actor, :study, :start) on conflict do nothing
				""")
			.param("actor", actorKey)
			.param("study", studyId)
			.param("start", Timestamp.from(windowStart))
			.update() == 1;
	}

	void forgetWindowsBefore(Instant before) {
		jdbc.sql("delete from archive.retrieval_window where window_start < :before")
			.param("before", Timestamp.from(before))
			.update();
	}

}
