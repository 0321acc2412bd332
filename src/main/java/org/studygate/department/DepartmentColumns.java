package org.studygate.department;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A department read in another module's query rather than in one of its own
 * (docs/decisions/081-patient-login-in-fewer-round-trips.md): a lateral subquery to join
 * on the department's id, an SQL expression of the joining query, whose columns are named
 * {@code x_department_*}, and the reader of those columns. Made by
 * {@link Departments#columns(String)}; the table stays this module's.
 *
 * @param join the {@code left join lateral (…) x_department on true} to add to the query
 */
public record DepartmentColumns(String join, Reader reader) {

	/** Reads the department from the row, empty when the join found none. */
	@FunctionalInterface
	public interface Reader {

		Optional<Department> read(ResultSet rs) throws SQLException;

	}

	/** The department in the current row of the joining query. */
	public Optional<Department> read(ResultSet rs) throws SQLException {
		return reader.read(rs);
	}

}
