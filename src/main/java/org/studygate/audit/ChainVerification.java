package org.studygate.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the chain over a period: each link of an entry written in the period must
 * equal SHA-256(previous link || hash of the entry's stored content). Each link is
 * checked against the stored predecessor, so a period can be verified alone; the first
 * link that fails is reported. Entries older than the grace period that are not chained
 * yet are reported too: the sealer should have chained them, and an entry inserted behind
 * its back must not go unnoticed.
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
		List<ArchivedMonth> archives = ArchivedMonths.overlapping(jdbc, from, to);
		long[] checked = { 0, 0 };
		ChainReport.BrokenLink[] broken = { archiveChanged(archives) };
		byte[][] head = { null };
		streaming
			.sql("select l.seq, l.entry_id, l.entry_at, l.link_hash, p.seq, p.link_hash, e.entry_hash, e."
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
				long seq = rs.getLong(1);
				long entryId = rs.getLong(2);
				Instant entryAt = rs.getTimestamp(3).toInstant();
				byte[] linkHash = rs.getBytes(4);
				head[0] = linkHash;
				if (rs.getObject(8) == null && archives.stream().anyMatch(a -> a.holds(seq, entryAt))) {
					// archived: the next online link is checked against this stored
					// hash, and the range's ends against the record (archiveChanged)
					checked[1]++;
					return;
				}
				checked[0]++;
				byte[] previous = rs.getBytes(6);
				String problem = problem(rs, seq, previous, linkHash);
				if (problem != null) {
					broken[0] = new ChainReport.BrokenLink(seq, entryId, entryAt, problem);
				}
			});
		long unsealed = unsealed(from, to);
		return new ChainReport(from, to, checked[0], broken[0] == null && unsealed == 0, broken[0], unsealed,
				head[0] == null ? null : HexFormat.of().formatHex(head[0]), checked[1], archives);
	}

	/**
	 * The first archived month whose recorded first or last link no longer matches the
	 * link kept online, as a broken link (ARCHIVE_MISMATCH), or null.
	 */
	private ChainReport.BrokenLink archiveChanged(List<ArchivedMonth> archives) {
		for (ArchivedMonth archive : archives) {
			if (archive.firstSeq() == null) {
				continue;
			}
			for (long seq : new long[] { archive.firstSeq(), archive.lastSeq() }) {
				String expected = seq == archive.firstSeq() ? archive.firstLinkHash() : archive.lastLinkHash();
				String stored = jdbc.sql("select link_hash from audit.link where seq = :seq")
					.param("seq", seq)
					.query((rs, n) -> HexFormat.of().formatHex(rs.getBytes(1)))
					.optional()
					.orElse(null);
				if (!expected.equals(stored)) {
					return new ChainReport.BrokenLink(seq, 0,
							archive.month().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(), "ARCHIVE_MISMATCH");
				}
			}
		}
		return null;
	}

	/** What is wrong with a link (a row of the verifying query), or null. */
	private static String problem(java.sql.ResultSet rs, long seq, byte[] previous, byte[] linkHash)
			throws java.sql.SQLException {
		if (previous == null && seq != 1) {
			return "LINK_MISSING";
		}
		if (rs.getObject(8) == null) {
			return "ENTRY_MISSING";
		}
		AuditEntry entry = AuditStore.entry(rs, 8);
		byte[] recomputed = EntryHash.of(entry);
		byte[] expected = EntryHash.link(previous == null ? EntryHash.genesis() : previous, recomputed);
		if (!Arrays.equals(recomputed, rs.getBytes(7))) {
			return "ENTRY_ALTERED";
		}
		return Arrays.equals(expected, linkHash) ? null : "LINK_BROKEN";
	}

	/**
	 * Entries of the period that should have been sealed by now (older than the grace)
	 * and are not.
	 */
	private long unsealed(Instant from, Instant to) {
		Instant overdueBefore = clock.instant().minus(grace);
		return overdueBefore.isAfter(from) ? jdbc.sql("""
				select count(*) from audit.entry e
				where e.at >= :from and e.at < :to
				  and not exists (select 1 from audit.link l where l.entry_id = e.id)
				""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(overdueBefore.isBefore(to) ? overdueBefore : to))
			.query(Long.class)
			.single() : 0;
	}

}
