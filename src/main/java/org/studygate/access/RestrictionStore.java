package org.studygate.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.studygate.study.StudyId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of restricted studies; read on every decision that needs it, nothing cached.
 */
@Repository
class RestrictionStore {

	/**
	 * Whether the study row {@code s} is restricted: the column {@code x_restricted},
	 * read by {@link #isRestricted} and with the study by its UID ({@link StudyReads}).
	 */
	static final String RESTRICTED_COLUMN = """
			exists (select 1 from access.study_restriction r where r.study_id = s.id) as x_restricted""";

	private final JdbcClient jdbc;

	RestrictionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean isRestricted(StudyId study) {
		return jdbc.sql("select " + RESTRICTED_COLUMN + " from (select ?::uuid as id) s")
			.params(study.value())
			.query(Boolean.class)
			.single();
	}

	Optional<Restriction> find(StudyId study) {
		return jdbc.sql("""
				select restricted_at, restricted_by_name, reason from access.study_restriction where study_id = ?
				""")
			.params(study.value())
			.query((rs, n) -> new Restriction(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
			.optional();
	}

	Set<UUID> restrictedAmong(Collection<UUID> studies) {
		if (studies.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("select study_id from access.study_restriction where study_id = any(?)")
			.params((Object) studies.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	/** Marks the study restricted; false when it was already. */
	boolean restrict(StudyId study, UUID by, String byName, String reason, Instant at) {
		return jdbc
			.sql("""
					insert into access.study_restriction (study_id, restricted_at, restricted_by, restricted_by_name, reason)
					values (?, ?, ?, ?, ?) on conflict (study_id) do nothing
					""")
			.params(study.value(), Timestamp.from(at), by, byName, reason)
			.update() == 1;
	}

	/** Lifts the restriction; false when there was none. */
	boolean lift(StudyId study) {
		return jdbc.sql("delete from access.study_restriction where study_id = ?").params(study.value()).update() == 1;
	}

}
