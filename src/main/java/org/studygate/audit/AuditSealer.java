package org.studygate.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
 * id) is final once sealed. A batch is chained by one statement inside the database
 * (decision 068). Also keeps monthly partitions created ahead.
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

	/**
	 * How often, at most, a sealer that keeps finding new entries also looks behind its
	 * head (the look-back reads every entry of the last {@link #STRAGGLER_XIDS}
	 * transactions).
	 */
	static final Duration LOOK_BACK_EVERY = Duration.ofSeconds(5);

	/** Months of partitions kept ready beyond the current one. */
	static final int MONTHS_AHEAD = 3;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private volatile Instant lastLookBack = Instant.EPOCH;

	/**
	 * Every transaction with a lower id had ended when the last complete look-back began,
	 * so that look-back chained all of its entries within the window: the next one starts
	 * here at the lowest (decision 077).
	 */
	private volatile long lookedBackBelow = 0;

	AuditSealer(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
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

	/**
	 * Seals every sealable entry now; looks behind the head when nothing newer was found
	 * or at most every {@link #LOOK_BACK_EVERY}. @return how many
	 */
	int sealAll() {
		int total = 0;
		int sealed;
		do {
			sealed = sealBatch(BATCH);
			total += sealed;
		}
		while (sealed == BATCH);
		Instant now = clock.instant();
		if (total == 0 || !now.isBefore(lastLookBack.plus(LOOK_BACK_EVERY))) {
			lastLookBack = now;
			total += lookBack();
		}
		return total;
	}

	/**
	 * Looks behind the head, from where the last complete look-back left off at the
	 * lowest: entries of transactions that had ended by then were all chained by it (or
	 * lie after the head, where the next batch takes them), so only transactions still
	 * running then can have left entries behind since. @return how many were chained
	 */
	private int lookBack() {
		long ended = jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text")
			.query(String.class)
			.optional()
			.map(Long::parseLong)
			.orElse(0L);
		int total = 0;
		int sealed;
		do {
			sealed = sealStragglers(this.lookedBackBelow);
			if (sealed < 0) {
				// another instance holds the chain: its window stays as it was
				return total;
			}
			total += sealed;
		}
		while (sealed == BATCH);
		this.lookedBackBelow = Math.max(this.lookedBackBelow, ended);
		return total;
	}

	private record Head(long seq, String xid, long entryId, byte[] hash) {

	}

	/**
	 * Chains up to {@code size} entries after the head in one statement.
	 * @return how many were chained
	 */
	int sealBatch(int size) {
		Integer sealed = transaction.execute(status -> {
			if (!locked()) {
				return 0;
			}
			Head head = head();
			return link(head, NEWER, head.xid(), size);
		});
		return sealed == null ? 0 : sealed;
	}

	/**
	 * Chains entries not chained yet up to {@link #STRAGGLER_XIDS} transaction ids behind
	 * the head: entries of transactions that ended after the head was sealed although
	 * their ids are lower (observed under load), so that none is left out.
	 * @return how many were chained
	 */
	int sealStragglers() {
		return Math.max(0, sealStragglers(0));
	}

	/** As {@link #sealStragglers()}, not below a transaction id; -1 when not locked. */
	private int sealStragglers(long notBelow) {
		Integer sealed = transaction.execute(status -> {
			if (!locked()) {
				return -1;
			}
			Head head = head();
			long low = Math.max(notBelow, Math.max(0, Long.parseLong(head.xid()) - STRAGGLER_XIDS));
			return link(head, BEHIND, Long.toString(low), BATCH);
		});
		return sealed == null ? 0 : sealed;
	}

	private boolean locked() {
		return Boolean.TRUE.equals(
				jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", LOCK).query(Boolean.class).single());
	}

	private Head head() {
		return jdbc.sql("select seq, entry_xid::text, entry_id, link_hash from audit.link order by seq desc limit 1")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBytes(4)))
			.optional()
			.orElse(new Head(0, "0", 0, EntryHash.genesis()));
	}

	/**
	 * Entries after the head in (xid, id) order, of transactions every snapshot now sees
	 * ended.
	 */
	private static final String NEWER = "(e.xid, e.id) > (cast(:xid as xid8), :id)";

	/** Entries at or behind the head, down to a lower transaction id. */
	private static final String BEHIND = "e.xid >= cast(:low as xid8) and (e.xid, e.id) <= (cast(:xid as xid8), :id)";

	/**
	 * Appends links for the entries {@code where} selects, in (xid, id) order, in one
	 * INSERT … SELECT: the sequence numbers by {@code row_number()} after the head's, the
	 * link hashes by the {@code audit.chain} aggregate as a running window seeded with
	 * the head's hash (decision 068); nothing travels to the application and back.
	 */
	private int link(Head head, String where, String low, int size) {
		return jdbc.sql("""
				insert into audit.link (seq, entry_id, entry_at, entry_xid, link_hash)
				select :seq + row_number() over w, p.id, p.at, p.xid, audit.chain(:hash, p.entry_hash) over w
				from (select e.id, e.at, e.xid, e.entry_hash from audit.entry e
				      where %s and e.xid < pg_snapshot_xmin(pg_current_snapshot())
				        and not exists (select 1 from audit.link l where l.entry_id = e.id)
				      order by e.xid, e.id limit :size) p
				window w as (order by p.xid, p.id rows between unbounded preceding and current row)
				""".formatted(where))
			.param("seq", head.seq())
			.param("hash", head.hash())
			.param("xid", head.xid())
			.param("id", head.entryId())
			.param("low", low)
			.param("size", size)
			.update();
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
