package org.studygate.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.directory.Actor;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of exclusions; read on every decision, nothing cached. */
@Repository
class ExclusionStore {

	/**
	 * Where an actor stands on one study: excluded himself, or through a group of his.
	 */
	record Excluded(boolean user, boolean group) {

		static final Excluded NONE = new Excluded(false, false);

		boolean shuts(ExclusionReach reach) {
			return switch (reach) {
				case NONE -> false;
				case USER -> user;
				case USER_AND_GROUPS -> user || group;
			};
		}

	}

	private static final String SELECT = """
			select id, study_id, subject_type, subject_id, path, excluded_at, excluded_by, excluded_by_name, reason,
			       restored_at, restored_by_name
			from access.study_exclusion
			""";

	/**
	 * Whether exclusions in force on the study row {@code s} name the user (the first
	 * parameter) or one of his groups (the second): the columns {@code x_user_excluded}
	 * and {@code x_group_excluded}, read by {@link #of} and with the study by its UID
	 * ({@link StudyReads}).
	 */
	static final String EXCLUDED_COLUMNS = """
			exists (select 1 from access.study_exclusion x where x.study_id = s.id and x.restored_at is null
			        and x.subject_type = 'USER' and x.subject_id = ?) as x_user_excluded,
			exists (select 1 from access.study_exclusion x where x.study_id = s.id and x.restored_at is null
			        and x.subject_type = 'GROUP' and x.subject_id = any(?)) as x_group_excluded""";

	private final JdbcClient jdbc;

	ExclusionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether exclusions in force on the study name the actor or one of his groups. */
	Excluded of(StudyId study, Actor actor) {
		if (!actor.isUser()) {
			return Excluded.NONE;
		}
		return jdbc.sql("select " + EXCLUDED_COLUMNS + " from (select ?::uuid as id) s")
			.params(actor.userId().value(), groupIds(actor), study.value())
			.query((rs, n) -> read(rs))
			.single();
	}

	/** The columns of {@link #EXCLUDED_COLUMNS}. */
	static Excluded read(ResultSet rs) throws SQLException {
		return new Excluded(rs.getBoolean("x_user_excluded"), rs.getBoolean("x_group_excluded"));
	}

	/**
	 * The studies on which no exclusion in force shuts the actor out of a path of this
	 * reach, for the list query; agrees with {@link #of} and {@link Excluded#shuts}.
	 */
	static StudyCondition notExcluded(Actor actor, ExclusionReach reach) {
		if (reach == ExclusionReach.NONE || !actor.isUser()) {
			return StudyCondition.always();
		}
		String groups = reach == ExclusionReach.USER_AND_GROUPS
				? " or (x.subject_type = 'GROUP' and x.subject_id = any(?))" : "";
		// one array of the actor's exclusions, read once per query through the subject
		// index, rather than a lookup for every candidate study (decision 070)
		String sql = "s.id <> all(array(select x.study_id from access.study_exclusion x where x.restored_at is null"
				+ " and ((x.subject_type = 'USER' and x.subject_id = ?)" + groups + ")))";
		return reach == ExclusionReach.USER_AND_GROUPS ? StudyCondition.of(sql, actor.userId().value(), groupIds(actor))
				: StudyCondition.of(sql, actor.userId().value());
	}

	void insert(Exclusion e) {
		jdbc.sql("""
				insert into access.study_exclusion (id, study_id, subject_type, subject_id, path, excluded_at,
				                                    excluded_by, excluded_by_name, reason)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(e.id(), e.studyId(), e.subjectType().name(), e.subjectId(), e.path(), timestamp(e.excludedAt()),
					e.excludedBy(), e.excludedByName(), e.reason())
			.update();
	}

	/** Restores an exclusion in force; false when there is none with that id. */
	boolean restore(StudyId study, UUID id, UUID by, String byName, Instant at) {
		return jdbc.sql("""
				update access.study_exclusion set restored_at = ?, restored_by = ?, restored_by_name = ?
				where id = ? and study_id = ? and restored_at is null
				""").params(timestamp(at), by, byName, id, study.value()).update() == 1;
	}

	Optional<Exclusion> inForce(StudyId study, SubjectType type, UUID subject) {
		return jdbc.sql(SELECT + " where study_id = ? and subject_type = ? and subject_id = ? and restored_at is null")
			.params(study.value(), type.name(), subject)
			.query(ExclusionStore::exclusion)
			.optional();
	}

	Optional<Exclusion> find(UUID id) {
		return jdbc.sql(SELECT + " where id = ?").params(id).query(ExclusionStore::exclusion).optional();
	}

	static Exclusion exclusion(ResultSet rs, int row) throws SQLException {
		Timestamp restored = rs.getTimestamp("restored_at");
		return new Exclusion(rs.getObject("id", UUID.class), rs.getObject("study_id", UUID.class),
				SubjectType.valueOf(rs.getString("subject_type")), rs.getObject("subject_id", UUID.class),
				rs.getString("path"), rs.getTimestamp("excluded_at").toInstant(),
				rs.getObject("excluded_by", UUID.class), rs.getString("excluded_by_name"), rs.getString("reason"),
				restored == null ? null : restored.toInstant(), rs.getString("restored_by_name"));
	}

	private static UUID[] groupIds(Actor actor) {
		return actor.groupIds().stream().map(g -> g.value()).toArray(UUID[]::new);
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
	}

}
