package org.studygate.transfer;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.studygate.StudygateTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finished transfer jobs older than the retention go when a retention is set; recent ones
 * and unfinished ones stay, however old.
 */
@StudygateTest
class TransferPurgeTests {

	@Autowired
	TransferPurge purge;

	@Autowired
	JdbcClient jdbc;

	private UUID job(String state, Instant requestedAt, Instant finishedAt) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into transfer.job (id, study_id, department_id, user_name, kind, target, state, requested_at,
				                          finished_at)
				values (:id, :study, :department, 'Dr Purge', 'DOWNLOAD', 'zip', :state, :requested, :finished)
				""")
			.param("id", id)
			.param("study", UUID.randomUUID())
			.param("department", UUID.randomUUID())
			.param("state", state)
			.param("requested", Timestamp.from(requestedAt))
			.param("finished", finishedAt == null ? null : Timestamp.from(finishedAt))
			.update();
		return id;
	}

	private boolean exists(UUID job) {
		return jdbc.sql("select count(*) from transfer.job where id = :id")
			.param("id", job)
			.query(Long.class)
			.single() == 1;
	}

	@Test
	void finishedJobsPastTheRetentionGoOthersStay() {
		Instant longAgo = Instant.now().minus(Duration.ofDays(400));
		UUID oldDone = job("DONE", longAgo, longAgo.plusSeconds(60));
		UUID oldFailed = job("FAILED", longAgo, longAgo.plusSeconds(60));
		UUID recentDone = job("DONE", Instant.now().minus(Duration.ofDays(2)), Instant.now().minus(Duration.ofDays(2)));
		UUID oldQueued = job("QUEUED", longAgo, null);

		assertThat(purge.purge(Duration.ofDays(365))).isGreaterThanOrEqualTo(2);

		assertThat(exists(oldDone)).isFalse();
		assertThat(exists(oldFailed)).isFalse();
		assertThat(exists(recentDone)).isTrue();
		assertThat(exists(oldQueued)).isTrue();
	}

}
