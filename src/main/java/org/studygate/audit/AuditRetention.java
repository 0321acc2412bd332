package org.studygate.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the access log's online size bounded
 * (docs/decisions/045-access-log-retention.md): once a day, every whole monthly partition
 * that ended more than the retention ago and whose entries are all chained is written to
 * an archive file ({@link ArchiveFile}), recorded in {@code audit.archived_month}, and
 * detached and dropped by {@code audit.drop_archived_month}, which checks all of that
 * again with the owner's rights. One instance works at a time (a transaction-scoped
 * advisory lock); one month is one transaction, so a failure leaves the month online and
 * it is tried again the next day. Without a retention nothing is archived.
 */
@Component
class AuditRetention {

	/** The shortest retention, as {@code audit.retention_floor()} enforces it. */
	static final int FLOOR_MONTHS = 6;

	/** The advisory lock key of the archiving job. */
	static final long LOCK = 0x5EA1_A0D1_8L;

	private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'entry_'yyyy_MM");

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	/** What became of a month asked to be archived. */
	enum Outcome {

		ARCHIVED, NOT_DUE, NO_PARTITION, NOT_SEALED, BUSY

	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final ArchiveFile files;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Period retention;

	AuditRetention(JdbcClient jdbc, PlatformTransactionManager transactions, ArchiveFile files,
			ApplicationEventPublisher events, Clock clock, @Value("${studygate.audit.retention:}") Period retention) {
		if (retention != null && (retention.getDays() != 0 || retention.toTotalMonths() < FLOOR_MONTHS)) {
			throw new IllegalStateException("studygate.audit.retention must be whole months or years, at least P"
					+ FLOOR_MONTHS + "M (e.g. P2Y), or empty to keep every entry online");
		}
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.files = files;
		this.events = events;
		this.clock = clock;
		this.retention = retention;
	}

	@Scheduled(cron = "${studygate.audit.retention-cron:0 41 2 * * *}", zone = "UTC")
	void archiveScheduled() {
		if (retention == null) {
			return;
		}
		try {
			List<YearMonth> archived = archiveDue(retention);
			if (!archived.isEmpty()) {
				log.info("Archived the access log of {} to {}", archived, files.directory());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Archiving the access log failed; it is tried again tomorrow", ex);
		}
	}

	/**
	 * Archives every month due under this retention, oldest first. @return those archived
	 */
	List<YearMonth> archiveDue(Period retention) {
		List<YearMonth> archived = new ArrayList<>();
		for (YearMonth month : dueMonths(retention)) {
			Outcome outcome = archive(month, retention);
			if (outcome == Outcome.ARCHIVED) {
				archived.add(month);
			}
			else {
				log.warn("The access log of {} is past the retention but was not archived: {}", month, outcome);
			}
		}
		return archived;
	}

	/**
	 * The months with a partition still attached that ended more than the retention ago.
	 */
	List<YearMonth> dueMonths(Period retention) {
		return jdbc.sql("""
				select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
				where i.inhparent = 'audit.entry'::regclass and c.relname ~ '^entry_[0-9]{4}_[0-9]{2}$'
				order by c.relname
				""")
			.query(String.class)
			.list()
			.stream()
			.map(name -> YearMonth.parse(name, PARTITION))
			.filter(month -> due(month, retention))
			.toList();
	}

	private boolean due(YearMonth month, Period retention) {
		Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		return !end.isAfter(clock.instant().atZone(ZoneOffset.UTC).minus(retention).toInstant());
	}

	/**
	 * Archives one month if it is due, its partition attached and every entry of it
	 * chained: file, record, detach and drop, and an entry saying so, in one transaction.
	 */
	Outcome archive(YearMonth month, Period retention) {
		if (!due(month, retention)) {
			return Outcome.NOT_DUE;
		}
		String partition = PARTITION.format(month.atDay(1));
		return transaction.execute(status -> {
			if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
				.param("lock", LOCK)
				.query(Boolean.class)
				.single())) {
				return Outcome.BUSY;
			}
			Timestamp[] bounds = bounds(partition);
			if (bounds == null) {
				return Outcome.NO_PARTITION;
			}
			if (unchained(bounds) > 0) {
				return Outcome.NOT_SEALED;
			}
			Instant now = clock.instant();
			ArchivedMonth archived = record(month, files.write(month, bounds, now), now);
			jdbc.sql("select audit.drop_archived_month(:month, :months)")
				.param("month", month.atDay(1))
				.param("months", (int) retention.toTotalMonths())
				.query(Long.class)
				.single();
			events.publishEvent(new LogArchived(now, archived));
			return Outcome.ARCHIVED;
		});
	}

	/**
	 * The bounds of an attached partition, from the catalog (they were written in the
	 * creating session's time zone), or null. Its rows are read through the partitioned
	 * table, the only one the application's role is granted.
	 */
	private Timestamp[] bounds(String partition) {
		return jdbc
			.sql("""
					select cast(b[1] as timestamptz), cast(b[2] as timestamptz)
					  from (select regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)') b
					          from pg_inherits i join pg_class c on c.oid = i.inhrelid
					          join pg_namespace n on n.oid = c.relnamespace
					         where i.inhparent = 'audit.entry'::regclass and n.nspname = 'audit' and c.relname = :name) p
					""")
			.param("name", partition)
			.query((rs, n) -> new Timestamp[] { rs.getTimestamp(1), rs.getTimestamp(2) })
			.optional()
			.orElse(null);
	}

	private long unchained(Timestamp[] bounds) {
		return jdbc.sql("""
				select count(*) from audit.entry e where e.at >= :from and e.at < :to
				   and not exists (select 1 from audit.link l where l.entry_id = e.id and l.entry_at = e.at)
				""").param("from", bounds[0]).param("to", bounds[1]).query(Long.class).single();
	}

	private ArchivedMonth record(YearMonth month, ArchiveFile.Exported exported, Instant now) {
		jdbc.sql("""
				insert into audit.archived_month (month, entries, first_seq, first_link_hash, last_seq, last_link_hash,
				                                  file_name, file_sha256, archived_at)
				values (:month, :entries, :firstSeq, :firstHash, :lastSeq, :lastHash, :file, :sha, :at)
				""")
			.param("month", month.atDay(1))
			.param("entries", exported.entries())
			.param("firstSeq", exported.firstSeq())
			.param("firstHash", exported.firstLinkHash())
			.param("lastSeq", exported.lastSeq())
			.param("lastHash", exported.lastLinkHash())
			.param("file", exported.fileName())
			.param("sha", exported.sha256())
			.param("at", Timestamp.from(now))
			.update();
		HexFormat hex = HexFormat.of();
		return new ArchivedMonth(month, exported.entries(), exported.firstSeq(),
				exported.firstLinkHash() == null ? null : hex.formatHex(exported.firstLinkHash()), exported.lastSeq(),
				exported.lastLinkHash() == null ? null : hex.formatHex(exported.lastLinkHash()), exported.fileName(),
				hex.formatHex(exported.sha256()), now);
	}

	/** The months archived so far, oldest first. */
	List<ArchivedMonth> archived() {
		return ArchivedMonths.all(jdbc);
	}

}
