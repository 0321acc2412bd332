package org.studygate.transfer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The job table of forwards and downloads (decision 022), read afresh on every call; the
 * destinations and the allow-list are {@link DestinationStore}'s.
 */
@Repository
class TransferStore {

	private static final String VIEW = """
			select id, study_id, user_name, kind, target, state, instances_done, instances_total, attempts, error,
			       requested_at, finished_at
			from transfer.job""";

	private final JdbcClient jdbc;

	TransferStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// ---------------------------------------------------------------- jobs as their
	// requesters see them

	/** Queues a forward, due at once. */
	void queueForward(TransferId id, StudyId study, UUID department, UserId user, String userName,
			Destination destination, Instant now) {
		jdbc.sql("""
				insert into transfer.job (id, study_id, department_id, user_id, user_name, kind, destination_id, target,
				                          state, requested_at, next_attempt_at)
				values (:id, :study, :department, :user, :name, 'FORWARD', :destination, :target, 'QUEUED', :now, :now)
				""")
			.param("id", id.value())
			.param("study", study.value())
			.param("department", department)
			.param("user", user == null ? null : user.value())
			.param("name", userName)
			.param("destination", destination.id().value())
			.param("target", destination.label())
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Records a download as running, held by a lease while it streams. */
	void startDownload(TransferId id, StudyId study, UUID department, UserId user, String userName, String format,
			int instances, Instant now, Instant lease) {
		jdbc.sql(
				"""
						insert into transfer.job (id, study_id, department_id, user_id, user_name, kind, target, state,
						                          instances_total, attempts, requested_at, started_at, lease_until)
						values (:id, :study, :department, :user, :name, 'DOWNLOAD', :format, 'RUNNING', :total, 1, :now, :now, :lease)
						""")
			.param("id", id.value())
			.param("study", study.value())
			.param("department", department)
			.param("user", user == null ? null : user.value())
			.param("name", userName)
			.param("format", format)
			.param("total", instances)
			.param("now", Timestamp.from(now))
			.param("lease", Timestamp.from(lease))
			.update();
	}

	Optional<TransferView> view(TransferId id) {
		return jdbc.sql(VIEW + " where id = :id").param("id", id.value()).query(TransferStore::view).optional();
	}

	/** Every transfer of the study, newest first. */
	List<TransferView> ofStudy(StudyId study) {
		return jdbc.sql(VIEW + " where study_id = :study order by requested_at desc, id limit 500")
			.param("study", study.value())
			.query(TransferStore::view)
			.list();
	}

	boolean requestedBy(TransferId id, UserId user) {
		return jdbc.sql("select count(*) from transfer.job where id = :id and user_id = :user")
			.param("id", id.value())
			.param("user", user.value())
			.query(Integer.class)
			.single() == 1;
	}

	/** Fails a queued job at once; {@code false} when it is not queued. */
	boolean cancelQueued(TransferId id, String reason, Instant now) {
		return jdbc.sql("""
				update transfer.job set state = 'FAILED', error = :reason, finished_at = :now, cancel_requested = true
				where id = :id and state = 'QUEUED'
				""").param("reason", reason).param("now", Timestamp.from(now)).param("id", id.value()).update() == 1;
	}

	/** Asks the worker of a running job to stop at its next progress report. */
	void requestCancel(TransferId id, String reason) {
		jdbc.sql(
				"update transfer.job set cancel_requested = true, error = :reason where id = :id and state = 'RUNNING'")
			.param("reason", reason)
			.param("id", id.value())
			.update();
	}

	// ---------------------------------------------------------------- a download
	// streaming

	void downloadProgress(TransferId id, int done, Instant lease) {
		jdbc.sql("update transfer.job set instances_done = :done, lease_until = :lease where id = :id")
			.param("done", done)
			.param("lease", Timestamp.from(lease))
			.param("id", id.value())
			.update();
	}

	void downloadEnded(TransferId id, String state, int done, String error, Instant now) {
		jdbc.sql("""
				update transfer.job set state = :state, instances_done = :done, error = :error, finished_at = :now,
				       lease_until = null where id = :id
				""")
			.param("state", state)
			.param("done", done)
			.param("error", error)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	/** Downloads whose application stopped while streaming end as failed. */
	void failStoppedDownloads(Instant now) {
		jdbc.sql("""
				update transfer.job set state = 'FAILED', error = 'the application stopped during the download',
				       finished_at = :now, lease_until = null
				where kind = 'DOWNLOAD' and state = 'RUNNING' and lease_until < :now
				""").param("now", Timestamp.from(now)).update();
	}

	// ---------------------------------------------------------------- the worker's
	// forwards

	/**
	 * Locks the oldest due forward, or a running one whose lease ran out, skipping those
	 * locked by others.
	 */
	Optional<ForwardJob> lockNextDue(Instant now) {
		return jdbc.sql("""
				select id, study_id, destination_id, user_id, user_name, target, attempts, instances_done, state
				from transfer.job
				where kind = 'FORWARD' and ((state = 'QUEUED' and next_attempt_at <= :now)
				                         or (state = 'RUNNING' and lease_until < :now))
				order by requested_at, id limit 1
				for update skip locked
				""").param("now", Timestamp.from(now)).query(TransferStore::job).optional();
	}

	/** Starts an attempt: running, held by a lease. */
	void startAttempt(TransferId id, Instant now, Instant lease) {
		jdbc.sql("""
				update transfer.job set state = 'RUNNING', attempts = attempts + 1, lease_until = :lease,
				       started_at = coalesce(started_at, :now), next_attempt_at = null
				where id = :id
				""")
			.param("lease", Timestamp.from(lease))
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	/**
	 * Records progress and renews the lease of the attempt.
	 * @return whether a cancel was asked for; empty when the attempt is no longer the
	 * job's
	 */
	Optional<Boolean> heartbeat(ForwardJob job, int done, int total, Instant lease) {
		return jdbc.sql("""
				update transfer.job set instances_done = :done, instances_total = :total, lease_until = :lease
				where id = :id and state = 'RUNNING' and attempts = :attempts
				returning cancel_requested
				""")
			.param("done", done)
			.param("total", total)
			.param("lease", Timestamp.from(lease))
			.param("id", job.id().value())
			.param("attempts", job.attempts())
			.query(Boolean.class)
			.optional();
	}

	void forwardDone(TransferId id, int instances, Instant now) {
		jdbc.sql("""
				update transfer.job set state = 'DONE', instances_done = :done, error = null, finished_at = :now,
				       lease_until = null
				where id = :id and state = 'RUNNING'
				""").param("done", instances).param("now", Timestamp.from(now)).param("id", id.value()).update();
	}

	/** Ends a cancelled forward; the reason the cancel left, else {@code cancelled}. */
	String forwardCancelled(TransferId id, int done, Instant now) {
		String reason = jdbc.sql("select error from transfer.job where id = :id")
			.param("id", id.value())
			.query(String.class)
			.optional()
			.orElse("cancelled");
		jdbc.sql("""
				update transfer.job set state = 'FAILED', instances_done = :done, finished_at = :now, lease_until = null
				where id = :id
				""").param("done", done).param("now", Timestamp.from(now)).param("id", id.value()).update();
		return reason;
	}

	/** Fails an open forward for good; how many instances it had sent. */
	int forwardFailed(TransferId id, String error, Instant now) {
		return jdbc.sql("""
				update transfer.job set state = 'FAILED', error = :error, finished_at = :now, lease_until = null,
				       next_attempt_at = null
				where id = :id and state in ('QUEUED', 'RUNNING')
				returning instances_done
				""")
			.param("error", error)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/**
	 * Queues the attempt's job again for later, unless it was taken or cancelled
	 * meanwhile.
	 */
	void retryLater(ForwardJob job, String error, Instant next) {
		jdbc.sql("""
				update transfer.job set state = 'QUEUED', error = :error, lease_until = null, next_attempt_at = :next
				where id = :id and state = 'RUNNING' and attempts = :attempts and not cancel_requested
				""")
			.param("error", error)
			.param("next", Timestamp.from(next))
			.param("id", job.id().value())
			.param("attempts", job.attempts())
			.update();
	}

	/**
	 * Gives an attempt back at shutdown (decision 046): queued again, due at once, with
	 * its progress and without counting the attempt, so that the next start or another
	 * instance resumes it without waiting for the lease to run out.
	 * @param done the instances sent, or {@code null} to keep the progress recorded
	 * @return whether the attempt was still the job's
	 */
	boolean release(ForwardJob job, Integer done, Instant now) {
		return jdbc.sql("""
				update transfer.job set state = 'QUEUED', attempts = attempts - 1,
				       instances_done = coalesce(:done, instances_done), lease_until = null, next_attempt_at = :now
				where id = :id and state = 'RUNNING' and attempts = :attempts
				""")
			.param("done", done)
			.param("now", Timestamp.from(now))
			.param("id", job.id().value())
			.param("attempts", job.attempts())
			.update() == 1;
	}

	// ---------------------------------------------------------------- rows

	private static TransferView view(ResultSet rs, int n) throws SQLException {
		Integer total = (Integer) rs.getObject("instances_total");
		Timestamp finished = rs.getTimestamp("finished_at");
		return new TransferView(rs.getObject("id", UUID.class), rs.getObject("study_id", UUID.class),
				rs.getString("user_name"), rs.getString("kind"), rs.getString("target"), rs.getString("state"),
				rs.getInt("instances_done"), total, rs.getInt("attempts"), rs.getString("error"),
				rs.getTimestamp("requested_at").toInstant(), finished == null ? null : finished.toInstant());
	}

	private static ForwardJob job(ResultSet rs, int n) throws SQLException {
		UUID destination = rs.getObject("destination_id", UUID.class);
		UUID user = rs.getObject("user_id", UUID.class);
		return new ForwardJob(new TransferId(rs.getObject("id", UUID.class)),
				new StudyId(rs.getObject("study_id", UUID.class)),
				destination == null ? null : new DestinationId(destination), user == null ? null : new UserId(user),
				rs.getString("user_name"), rs.getString("target"), rs.getInt("attempts"), rs.getInt("instances_done"),
				"RUNNING".equals(rs.getString("state")));
	}

}
