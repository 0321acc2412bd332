package org.studygate.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the chain over a period: each link of an entry written in the period must equal
 * SHA-256(previous link || hash of the entry's stored content). Each link is checked against the
 * stored predecessor, so a period can be verified alone; the first link that fails is reported.
 * Entries older than the grace period that are not chained yet are reported too: the sealer
 * should have chained them, and an entry inserted behind its back must not go unnoticed.
 */
@Component
class ChainVerification {

	private final JdbcClient streaming;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration grace;

	ChainVerification(JdbcTemplate template, JdbcClient jdbc, Clock clock,
			@Value("${studygate.audit.seal-grace:PT10M}") Duration grace) {
		JdbcTemplate fetching = new JdbcTemplate(template.getDataSource());
		fetching.setFetchSize(5000);
		this.streaming = JdbcClient.create(fetching);
		this.jdbc = jdbc;
		this.clock = clock;
		this.grace = grace;
	}

	@Transactional(readOnly = true)
	public ChainReport verify(Instant from, Instant to) {
		long[] checked = { 0 };
		ChainReport.BrokenLink[] broken = { null };
		byte[][] head = { null };
		streaming.sql("select l.seq, l.entry_id, l.entry_at, l.link_hash, p.seq, p.link_hash, e.entry_hash, e."
				+ AuditStore.COLUMNS.replace(", ", ", e.") + """
				 from audit.link l
				left join audit.link p on p.seq = l.seq - 1
				left join audit.entry e on e.id = l.entry_id and e.at = l.entry_at
				where l.entry_at >= :from and l.entry_at < :to
				order by l.seq
				""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(rs -> {
				if (broken[0] != null) {
					return;
				}
				checked[0]++;
				long seq = rs.getLong(1);
				long entryId = rs.getLong(2);
				Instant entryAt = rs.getTimestamp(3).toInstant();
				byte[] linkHash = rs.getBytes(4);
				head[0] = linkHash;
				byte[] previous = rs.getBytes(6);
				String problem = null;
				if (previous == null && seq != 1) {
					problem = "LINK_MISSING";
				}
				else if (rs.getObject(8) == null) {
					problem = "ENTRY_MISSING";
				}
				else {
					AuditEntry entry = AuditStore.entry(rs, 8);
					byte[] recomputed = EntryHash.of(entry);
					byte[] expected = EntryHash.link(previous == null ? EntryHash.genesis() : previous, recomputed);
					if (!Arrays.equals(recomputed, rs.getBytes(7))) {
						problem = "ENTRY_ALTERED";
					}
					else if (!Arrays.equals(expected, linkHash)) {
						problem = "LINK_BROKEN";
					}
				}
				if (problem != null) {
					broken[0] = new ChainReport.BrokenLink(seq, entryId, entryAt, problem);
				}
			});
		Instant overdueBefore = clock.instant().minus(grace);
		long unsealed = overdueBefore.isAfter(from) ? jdbc.sql("""
				select count(*) from audit.entry e
				where e.at >= :from and e.at < :to
				  and not exists (select 1 from audit.link l where l.entry_id = e.id)
				""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(overdueBefore.isBefore(to) ? overdueBefore : to))
			.query(Long.class)
			.single() : 0;
		return new ChainReport(from, to, checked[0], broken[0] == null && unsealed == 0, broken[0], unsealed,
				head[0] == null ? null : HexFormat.of().formatHex(head[0]));
	}

}
