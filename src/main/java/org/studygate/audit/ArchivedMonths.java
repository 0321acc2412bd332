package org.studygate.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads {@code audit.archived_month}: the months moved to archive files. */
final class ArchivedMonths {

	private static final String SELECT = """
			select month, entries, first_seq, first_link_hash, last_seq, last_link_hash, file_name, file_sha256,
			       archived_at
			  from audit.archived_month
			""";

	private ArchivedMonths() {
	}

	static List<ArchivedMonth> all(JdbcClient jdbc) {
		return jdbc.sql(SELECT + " order by month").query((rs, n) -> of(rs)).list();
	}

	/**
	 * The archived months that overlap a period (a few hundred rows at most: one per
	 * month).
	 */
	static List<ArchivedMonth> overlapping(JdbcClient jdbc, Instant from, Instant to) {
		return all(jdbc).stream().filter(archived -> {
			Instant start = archived.month().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			Instant end = archived.month().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			return start.isBefore(to) && end.isAfter(from);
		}).toList();
	}

	private static ArchivedMonth of(ResultSet rs) throws SQLException {
		HexFormat hex = HexFormat.of();
		byte[] first = rs.getBytes("first_link_hash");
		byte[] last = rs.getBytes("last_link_hash");
		Timestamp archivedAt = rs.getTimestamp("archived_at");
		return new ArchivedMonth(YearMonth.from(rs.getDate("month").toLocalDate()), rs.getLong("entries"),
				rs.getObject("first_seq", Long.class), first == null ? null : hex.formatHex(first),
				rs.getObject("last_seq", Long.class), last == null ? null : hex.formatHex(last),
				rs.getString("file_name"), hex.formatHex(rs.getBytes("file_sha256")), archivedAt.toInstant());
	}

}
