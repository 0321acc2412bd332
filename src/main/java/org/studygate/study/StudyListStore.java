package org.studygate.study;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registry's reads for lists: a page of studies and their image counts. */
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
			.query((rs, row) -> new StudySummary(new StudyId(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getString(3), rs.getObject(4, UUID.class), Objects.requireNonNullElse(rs.getString(14), "?"),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDateTime.class), rs.getString(7),
					rs.getString(8), rs.getString(9), rs.getString(10), rs.getObject(11, LocalDate.class),
					rs.getBoolean(12), StudyDateSource.valueOf(rs.getString(13))))
			.list();
	}

	/**
	 * The rows of a list query whose columns are followed by the department's code and
	 * the image counts ({@link StudyQuery#withColumns(String)}): one statement.
	 */
	List<Studies.Counted> searchCounted(StudyQuery query) {
		return jdbc.sql(query.sql())
			.params(query.parameters())
			.query((rs, row) -> new Studies.Counted(
					new StudySummary(new StudyId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
							rs.getObject(4, UUID.class), rs.getString(14), rs.getObject(5, LocalDate.class),
							rs.getObject(6, LocalDateTime.class), rs.getString(7), rs.getString(8), rs.getString(9),
							rs.getString(10), rs.getObject(11, LocalDate.class), rs.getBoolean(12),
							StudyDateSource.valueOf(rs.getString(13))),
					new Studies.ImageCounts(rs.getInt(15), rs.getInt(16))))
			.list();
	}

	Map<StudyId, Studies.ImageCounts> imageCounts(Collection<StudyId> ids) {
		Map<StudyId, Studies.ImageCounts> counts = new HashMap<>();
		jdbc.sql("select id, series_count, instance_count from study.study where id = any(?)")
			.param(ids.stream().map(StudyId::value).toArray(UUID[]::new))
			.query((rs, n) -> counts.put(new StudyId(rs.getObject(1, UUID.class)),
					new Studies.ImageCounts(rs.getInt(2), rs.getInt(3))))
			.list();
		return counts;
	}

}
