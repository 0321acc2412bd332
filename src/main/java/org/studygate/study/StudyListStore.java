package org.studygate.study;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registry's reads for lists: a page of studies, with their image counts or without.
 */
@Repository
class StudyListStore {

	private final JdbcClient jdbc;

	StudyListStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The rows of a list query, each with its department's code, which the query reads
	 * (docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md).
	 */
	List<StudySummary> search(StudyQuery query) {
		return jdbc.sql(query.sql())
			.params(query.parameters())
			.query((rs, row) -> summary(rs, Objects.requireNonNullElse(rs.getString(14), "?")))
			.list();
	}

	/**
	 * The rows of a list query whose columns are followed by the image counts
	 * ({@link StudyQuery#withColumns(String)}): one statement.
	 */
	List<Studies.Counted> searchCounted(StudyQuery query) {
		return jdbc.sql(query.sql())
			.params(query.parameters())
			.query((rs, row) -> new Studies.Counted(summary(rs, rs.getString(14)),
					new Studies.ImageCounts(rs.getInt(15), rs.getInt(16))))
			.list();
	}

	/** A row's study, its department's code given (column 14 of every list query). */
	private static StudySummary summary(ResultSet rs, String departmentCode) throws SQLException {
		return new StudySummary(new StudyId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
				rs.getObject(4, UUID.class), departmentCode, rs.getObject(5, LocalDate.class),
				rs.getObject(6, LocalDateTime.class), rs.getString(7), rs.getString(8), rs.getString(9),
				rs.getString(10), rs.getObject(11, LocalDate.class), rs.getBoolean(12),
				StudyDateSource.valueOf(rs.getString(13)));
	}

}
