package org.studygate.audit;

import java.sql.Date;
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

	/** The archived months that overlap a period. */
	static List<ArchivedMonth> overlapping(JdbcClient jdbc, Instant from, Instant to) {
		return jdbc.sql(SELECT + " where month < cast(:to as date) and month >= cast(:from as date) order by month")
			.param("from", Date.valueOf(YearMonth.from(from.atZone(ZoneOffset.UTC)).atDay(1)))
			.param("to", Date.valueOf(to.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1)))
			.query((rs, n) -> of(rs))
			.list();
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
