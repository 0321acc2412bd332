package org.studygate.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes finished forward and download jobs older than a retention
 * (docs/decisions/045-access-log-retention.md). The Access tab shows them as the study's
 * transfer history, so by default none is removed; a deployer who sets
 * {@code studygate.transfer.job-retention} keeps that history only that long (the access
 * log keeps every forward and download anyway). Queued and running jobs are never
 * touched.
 */
@Component
class TransferPurge {

	private static final Logger log = LoggerFactory.getLogger(TransferPurge.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration retention;

	TransferPurge(JdbcClient jdbc, Clock clock, @Value("${studygate.transfer.job-retention:}") Duration retention) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = retention;
	}

	@Scheduled(cron = "${studygate.purge.cron:0 23 * * * *}", zone = "UTC")
	void purgeScheduled() {
		if (retention == null) {
			return;
		}
		try {
			purge(retention);
		}
		catch (RuntimeException ex) {
			log.warn("Purging finished transfer jobs failed; it is tried again later", ex);
		}
	}

	/** Removes the jobs that finished more than the retention ago. @return how many */
	int purge(Duration retention) {
		return jdbc.sql("delete from transfer.job where state in ('DONE', 'FAILED') and finished_at < :before")
			.param("before", Timestamp.from(clock.instant().minus(retention)))
			.update();
	}

}
