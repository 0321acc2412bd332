package org.studygate.rsw;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code rsw.submission}: one per study, also the worker's job (decision
 * 024).
 */
@Repository
class SubmissionStore {

	private final JdbcClient jdbc;

	SubmissionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Row(UUID studyId, UUID departmentId, SubmissionState state, UUID documentId, UUID replacesId, int attempts,
			Instant queuedAt, Instant nextAttemptAt, Instant lastAttemptAt, String lastError, UUID leaseToken,
			Instant leaseUntil, Instant sentAt, String requestedBy) {

	}

	private static final String COLUMNS = """
			study_id, department_id, state, document_id, replaces_id, attempts, queued_at, next_attempt_at,
			last_attempt_at, last_error, lease_token, lease_until, sent_at, requested_by""";

	Optional<Row> find(UUID studyId) {
		return jdbc.sql("select " + COLUMNS + " from rsw.submission where study_id = :id")
			.param("id", studyId)
			.query(SubmissionStore::row)
			.optional();
	}

	Optional<Row> lock(UUID studyId) {
		return jdbc.sql("select " + COLUMNS + " from rsw.submission where study_id = :id for update")
			.param("id", studyId)
			.query(SubmissionStore::row)
			.optional();
	}

	/** Queues a study once; {@code false} when it already has a submission. */
	boolean insertIfAbsent(UUID studyId, UUID departmentId, UUID documentId, Instant now, String requestedBy) {
		return jdbc
			.sql("""
					insert into rsw.submission (study_id, department_id, state, document_id, queued_at, next_attempt_at, requested_by)
					values (:study, :department, 'QUEUED', :document, :now, :now, :by)
					on conflict (study_id) do nothing
					""")
			.param("study", studyId)
			.param("department", departmentId)
			.param("document", documentId)
			.param("now", java.sql.Timestamp.from(now))
			.param("by", requestedBy)
			.update() == 1;
	}

	void requeue(UUID studyId, UUID documentId, UUID replacesId, Instant now, String requestedBy) {
		jdbc.sql("""
				update rsw.submission
				   set state = 'QUEUED', document_id = :document, replaces_id = :replaces, attempts = 0,
				       queued_at = :now, next_attempt_at = :now, last_error = null, lease_token = null,
				       lease_until = null, requested_by = :by
				 where study_id = :study
				""")
			.param("study", studyId)
			.param("document", documentId)
			.param("replaces", replacesId)
			.param("now", java.sql.Timestamp.from(now))
			.param("by", requestedBy)
			.update();
	}

	/**
	 * Claims the submission due longest: a queued one whose time has come, or one left in
	 * SENDING whose lease ran out. Other workers skip the locked row; the lease keeps it
	 * claimed after commit.
	 */
	Optional<Row> claimDue(Instant now, Instant leaseUntil, UUID token) {
		Optional<UUID> due = jdbc.sql("""
				select study_id from rsw.submission
				 where (state = 'QUEUED' and next_attempt_at <= :now)
				    or (state = 'SENDING' and lease_until < :now)
				 order by next_attempt_at
				 limit 1
				 for update skip locked
				""").param("now", java.sql.Timestamp.from(now)).query(UUID.class).optional();
		if (due.isEmpty()) {
			return Optional.empty();
		}
		jdbc.sql("""
				update rsw.submission
				   set state = 'SENDING', attempts = attempts + 1, last_attempt_at = :now,
				       lease_token = :token, lease_until = :until
				 where study_id = :study
				""")
			.param("study", due.get())
			.param("now", java.sql.Timestamp.from(now))
			.param("token", token)
			.param("until", java.sql.Timestamp.from(leaseUntil))
			.update();
		return find(due.get());
	}

	/**
	 * Records the outcome of a send, if the lease is still the worker's; {@code false}
	 * otherwise.
	 */
	boolean finish(UUID studyId, UUID token, SubmissionState state, Instant nextAttemptAt, String error,
			Instant sentAt) {
		return jdbc.sql("""
				update rsw.submission
				   set state = :state, next_attempt_at = coalesce(:next, next_attempt_at), last_error = :error,
				       sent_at = coalesce(:sent, sent_at), lease_token = null, lease_until = null
				 where study_id = :study and lease_token = :token
				""")
			.param("study", studyId)
			.param("token", token)
			.param("state", state.name())
			.param("next", nextAttemptAt == null ? null : java.sql.Timestamp.from(nextAttemptAt))
			.param("error", error)
			.param("sent", sentAt == null ? null : java.sql.Timestamp.from(sentAt))
			.update() == 1;
	}

	/**
	 * Gives a send still under way at shutdown back (decision 046): queued, due at once,
	 * without counting the attempt, unless its lease is no longer the worker's. Should
	 * the send still be answered, its record finds the lease gone, and the next send
	 * repeats the same document id, which the network recognises.
	 */
	boolean release(UUID studyId, UUID token, Instant now) {
		return jdbc.sql("""
				update rsw.submission
				   set state = 'QUEUED', attempts = attempts - 1, next_attempt_at = :now, lease_token = null,
				       lease_until = null
				 where study_id = :study and lease_token = :token and state = 'SENDING'
				""")
			.param("study", studyId)
			.param("token", token)
			.param("now", java.sql.Timestamp.from(now))
			.update() == 1;
	}

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getObject("study_id", UUID.class), rs.getObject("department_id", UUID.class),
				SubmissionState.valueOf(rs.getString("state")), rs.getObject("document_id", UUID.class),
				rs.getObject("replaces_id", UUID.class), rs.getInt("attempts"), instant(rs, "queued_at"),
				instant(rs, "next_attempt_at"), instant(rs, "last_attempt_at"), rs.getString("last_error"),
				rs.getObject("lease_token", UUID.class), instant(rs, "lease_until"), instant(rs, "sent_at"),
				rs.getString("requested_by"));
	}

	private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		java.sql.Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

	/** A department's submissions, failures first, then queued, then the most recent. */
	List<Row> ofDepartment(UUID departmentId, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from rsw.submission
				 where department_id = :department
				 order by case state when 'FAILED' then 0 when 'SENDING' then 1 when 'QUEUED' then 2 else 3 end,
				          coalesce(last_attempt_at, queued_at) desc
				 limit :limit
				""").param("department", departmentId).param("limit", limit).query(SubmissionStore::row).list();
	}

}
