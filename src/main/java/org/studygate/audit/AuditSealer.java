package org.studygate.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains entries into {@code audit.link} in the background (decision 009), so that
 * writers never wait for one another on a chain head. One sealer works at a time across
 * every instance (a transaction-scoped advisory lock). It seals only entries whose
 * inserting transaction is older than the oldest still running
 * ({@code pg_snapshot_xmin}): no entry can appear later before them, so the order (xid,
 * id) is final once sealed. Also keeps monthly partitions created ahead.
 */
@Component
class AuditSealer {

	private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

	/** The advisory lock key of the sealer ("AUDITSEAL" in spirit). */
	static final long LOCK = 0x5EA1_A0D1_7L;

	static final int BATCH = 5000;

	/**
	 * How far behind the head (in transaction ids) the sealer looks for entries that
	 * appeared late.
	 */
	static final long STRAGGLER_XIDS = 500;

	/** Months of partitions kept ready beyond the current one. */
	static final int MONTHS_AHEAD = 3;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate transaction;

	private final Clock clock;

	AuditSealer(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${studygate.audit.seal-interval:PT1S}", initialDelayString = "PT2S")
	void sealPending() {
		try {
			sealAll();
		}
		catch (RuntimeException ex) {
			log.warn("Sealing the access log failed; it is retried", ex);
		}
	}

	/** Seals every sealable entry now. @return how many */
	int sealAll() {
		int total = 0;
		int sealed;
		do {
			sealed = sealBatch(BATCH);
			total += sealed;
		}
		while (sealed == BATCH);
		return total;
	}

	private record Pending(long id, Timestamp at, String xid, byte[] hash) {

	}

	private record Head(long seq, String xid, long entryId, byte[] hash) {

	}

	int sealBatch(int size) {
		Integer sealed = transaction.execute(status -> {
			Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
				.param("lock", LOCK)
				.query(Boolean.class)
				.single();
			if (!Boolean.TRUE.equals(locked)) {
				return 0;
			}
			Head head = jdbc
				.sql("select seq, entry_xid::text, entry_id, link_hash from audit.link order by seq desc limit 1")
				.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBytes(4)))
				.optional()
				.orElse(new Head(0, "0", 0, EntryHash.genesis()));
			List<Pending> pending = pending(head, size);
			if (!pending.isEmpty()) {
				link(head, pending);
			}
			return pending.size();
		});
		return sealed == null ? 0 : sealed;
	}

	/**
	 * Up to {@code size} entries not chained yet, of transactions every snapshot now sees
	 * ended.
	 */
	private List<Pending> pending(Head head, int size) {
		List<Pending> pending = new ArrayList<>(jdbc.sql("""
				select id, at, xid::text, entry_hash from audit.entry e
				where (e.xid, e.id) > (cast(:xid as xid8), :id) and e.xid < pg_snapshot_xmin(pg_current_snapshot())
				  and not exists (select 1 from audit.link l where l.entry_id = e.id)
				order by e.xid, e.id limit :size
				""")
			.param("xid", head.xid())
			.param("id", head.entryId())
			.param("size", size)
			.query((rs, n) -> new Pending(rs.getLong(1), rs.getTimestamp(2), rs.getString(3), rs.getBytes(4)))
			.list());
		if (pending.size() < size) {
			// entries of transactions that ended after the head was sealed although their
			// ids are
			// lower (observed under load): chained after the others, so that none is left
			// out
			pending.addAll(jdbc.sql("""
					select id, at, xid::text, entry_hash from audit.entry e
					where e.xid >= cast(:low as xid8) and (e.xid, e.id) <= (cast(:xid as xid8), :id)
					  and e.xid < pg_snapshot_xmin(pg_current_snapshot())
					  and not exists (select 1 from audit.link l where l.entry_id = e.id)
					order by e.xid, e.id limit :size
					""")
				.param("low", Long.toString(Math.max(0, Long.parseLong(head.xid()) - STRAGGLER_XIDS)))
				.param("xid", head.xid())
				.param("id", head.entryId())
				.param("size", size - pending.size())
				.query((rs, n) -> new Pending(rs.getLong(1), rs.getTimestamp(2), rs.getString(3), rs.getBytes(4)))
				.list());
		}
		return pending;
	}

	/** Chains the entries after the head, in their order, in one batch. */
	private void link(Head head, List<Pending> pending) {
		List<Object[]> links = new ArrayList<>(pending.size());
		byte[] previous = head.hash();
		long seq = head.seq();
		for (Pending entry : pending) {
			previous = EntryHash.link(previous, entry.hash());
			links.add(new Object[] { ++seq, entry.id(), entry.at(), entry.xid(), previous });
		}
		template.batchUpdate(
				"insert into audit.link (seq, entry_id, entry_at, entry_xid, link_hash) values (?, ?, ?, cast(? as xid8), ?)",
				links);
	}

	/** Creates this month's partition and the next ones at start and once a day. */
	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(cron = "0 17 3 * * *", zone = "UTC")
	void preparePartitions() {
		try {
			LocalDate month = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1);
			Integer created = jdbc.sql("select audit.ensure_partitions(:month, :months)")
				.param("month", month)
				.param("months", MONTHS_AHEAD + 1)
				.query(Integer.class)
				.single();
			if (created != null && created > 0) {
				log.info("Created {} monthly partitions of the access log", created);
			}
		}
		catch (RuntimeException ex) {
			log.warn("The access log's monthly partitions could not be created; entries go to the default partition",
					ex);
		}
	}

}
