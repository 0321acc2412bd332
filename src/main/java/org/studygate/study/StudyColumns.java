package org.studygate.study;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Columns another module reads about one study row {@code s} in the same query that loads
 * the study, with positional parameters: like {@link StudyCondition}, they may use
 * {@code s.id}, {@code s.department_id} and {@code s.cancelled} and that module's own
 * tables, nothing else of this module. Each column's name starts with {@code x_}, so that
 * it meets none of the study's own (docs/decisions/076-gateway-in-two-queries.md).
 *
 * @param <T> what the columns are read into
 * @param sql the select list's expressions, separated by commas
 * @param parameters the positional parameters of {@code sql}, in order
 * @param reader reads the columns of the row, by name
 */
public record StudyColumns<T>(String sql, List<Object> parameters, Reader<T> reader) {

	public StudyColumns {
		parameters = List.copyOf(parameters);
	}

	/** Reads the columns of one row. */
	@FunctionalInterface
	public interface Reader<T> {

		T read(ResultSet rs) throws SQLException;

	}

	/** A study with what the columns said about it. */
	public record With<T>(Study study, T columns) {

	}

}
