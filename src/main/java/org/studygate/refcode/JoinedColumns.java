package org.studygate.refcode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Another module's columns read in a statement of its caller rather than by a query of
 * their own: a {@code left join lateral (…) alias on true} joined on an SQL expression of
 * that statement, using only the owner's tables, with the reader of its columns (named
 * after the owner, never like the caller's)
 * (docs/decisions/081-patient-login-in-fewer-round-trips.md,
 * docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md).
 *
 * @param join the join to add to the statement
 * @param reader the value in the statement's row, empty when the join found none
 * @param <T> what the columns describe
 */
public record JoinedColumns<T>(String join, Reader<T> reader) {

	/** Reads the value from the row of the statement that joined the columns. */
	@FunctionalInterface
	public interface Reader<T> {

		Optional<T> read(ResultSet rs) throws SQLException;

	}

	/** A reader that answers the first value these readers find, in their order. */
	static <T> Reader<T> firstFound(List<Reader<T>> readers) {
		return rs -> {
			for (Reader<T> reader : readers) {
				Optional<T> found = reader.read(rs);
				if (found.isPresent()) {
					return found;
				}
			}
			return Optional.empty();
		};
	}

}
