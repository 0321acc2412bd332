package org.studygate.breakglass;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.department.DepartmentId;
import org.studygate.directory.UserId;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The unlock and patient-match tables; read afresh on every call, never cached. */
@Repository
class UnlockStore {

	/**
	 * How long a matching patient ID and birth date let the user unlock (and hint that he
	 * could).
	 */
	static final Duration MATCH_VALIDITY = Duration.ofHours(1);

	private final JdbcClient jdbc;

	UnlockStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static OffsetDateTime at(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	void insert(Unlock unlock) {
		jdbc.sql("""
				insert into breakglass.unlock (id, study_id, department_id, user_id, user_name, kind, purpose, reason,
				                               unlocked_at, expires_at)
				values (:id, :study, :department, :user, :userName, :kind, :purpose, :reason, :unlockedAt, :expiresAt)
				""")
			.param("id", unlock.id().value())
			.param("study", unlock.studyId().value())
			.param("department", unlock.departmentId().value())
			.param("user", unlock.userId().value())
			.param("userName", unlock.userName())
			.param("kind", unlock.kind().name())
			.param("purpose", unlock.purpose().name())
			.param("reason", unlock.reason())
			.param("unlockedAt", at(unlock.unlockedAt()))
			.param("expiresAt", at(unlock.expiresAt()))
			.update();
	}

	Optional<Unlock> find(UnlockId id) {
		return jdbc.sql(SELECT + " where id = :id").param("id", id.value()).query(this::unlock).optional();
	}

	/** The user's unlock of the study in force at the instant, if any. */
	Optional<Unlock> inForce(UUID user, StudyId study, Instant now) {
		return jdbc.sql(SELECT + """
				 where user_id = :user and study_id = :study and revoked_at is null and expires_at > :now
				 order by expires_at desc limit 1
				""")
			.param("user", user)
			.param("study", study.value())
			.param("now", at(now))
			.query(this::unlock)
			.optional();
	}

	/**
	 * The studies the user's unlocks open at the instant, as a condition of the list
	 * query.
	 */
	static StudyCondition inForceCondition(UUID user, Instant now) {
		return StudyCondition.of("s.id = any(array(select u.study_id from breakglass.unlock u where u.user_id = ?"
				+ " and u.revoked_at is null and u.expires_at > ?))", user, at(now));
	}

	/** Every unlock of the study, newest first. */
	List<Unlock> ofStudy(StudyId study) {
		return jdbc.sql(SELECT + " where study_id = :study order by unlocked_at desc, id")
			.param("study", study.value())
			.query(this::unlock)
			.list();
	}

	/**
	 * The unlocks of these departments (all when {@code null}), those waiting for review
	 * first, then newest first.
	 */
	List<Unlock> ofDepartments(Collection<UUID> departments, boolean onlyUnreviewed, int limit) {
		String where = departments == null ? "where true" : "where department_id = any(:departments)";
		var spec = jdbc.sql(SELECT + " " + where + (onlyUnreviewed ? " and reviewed_at is null" : "")
				+ " order by (reviewed_at is null) desc, unlocked_at desc, id limit :limit");
		if (departments != null) {
			spec = spec.param("departments", departments.toArray(UUID[]::new));
		}
		return spec.param("limit", limit).query(this::unlock).list();
	}

	/** The expiry of each study the user's unlocks open now, latest first. */
	List<Unlock> inForceFor(UUID user, Collection<StudyId> studies, Instant now) {
		if (studies.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + """
				 where user_id = :user and study_id = any(:studies) and revoked_at is null and expires_at > :now
				 order by expires_at desc
				""")
			.param("user", user)
			.param("studies", studies.stream().map(StudyId::value).toArray(UUID[]::new))
			.param("now", at(now))
			.query(this::unlock)
			.list();
	}

	/** Marks the unlock revoked unless it already was; whether this call revoked it. */
	boolean revoke(UnlockId id, UUID by, String byName, String comment, Instant now) {
		return jdbc.sql("""
				update breakglass.unlock set revoked_at = :now, revoked_by = :by, revoked_by_name = :byName,
				       revoke_comment = :comment
				where id = :id and revoked_at is null and expires_at > :now
				""")
			.param("id", id.value())
			.param("by", by)
			.param("byName", byName)
			.param("comment", comment)
			.param("now", at(now))
			.update() == 1;
	}

	void review(UnlockId id, UUID by, String byName, Verdict verdict, String comment, Instant now) {
		jdbc.sql("""
				update breakglass.unlock set reviewed_at = :now, reviewed_by = :by, reviewed_by_name = :byName,
				       verdict = :verdict, review_comment = :comment
				where id = :id
				""")
			.param("id", id.value())
			.param("by", by)
			.param("byName", byName)
			.param("verdict", verdict.name())
			.param("comment", comment)
			.param("now", at(now))
			.update();
	}

	/**
	 * Unlocks that ended by expiry at or before the instant and whose expiry is not yet
	 * recorded.
	 */
	List<UnlockId> expiredUnrecorded(Instant now, int limit) {
		return jdbc.sql("""
				select id from breakglass.unlock
				where expiry_recorded_at is null and revoked_at is null and expires_at <= :now
				order by expires_at limit :limit
				""")
			.param("now", at(now))
			.param("limit", limit)
			.query((rs, n) -> new UnlockId(rs.getObject(1, UUID.class)))
			.list();
	}

	/**
	 * Claims the recording of an unlock's expiry; only one caller ever gets {@code true}.
	 */
	boolean claimExpiry(UnlockId id, Instant now) {
		return jdbc.sql("""
				update breakglass.unlock set expiry_recorded_at = :now
				where id = :id and expiry_recorded_at is null and revoked_at is null and expires_at <= :now
				""").param("id", id.value()).param("now", at(now)).update() == 1;
	}

	/** Records that the user gave this study's patient ID and birth date. */
	void matched(UUID user, StudyId study, Instant now) {
		jdbc.sql("""
				insert into breakglass.patient_match (user_id, study_id, matched_at) values (:user, :study, :now)
				on conflict (user_id, study_id) do update set matched_at = excluded.matched_at
				""").param("user", user).param("study", study.value()).param("now", at(now)).update();
	}

	/** Whether the user gave this study's patient ID and birth date recently enough. */
	boolean hasMatched(UUID user, StudyId study, Instant now) {
		return jdbc.sql("""
				select count(*) from breakglass.patient_match
				where user_id = :user and study_id = :study and matched_at > :since
				""")
			.param("user", user)
			.param("study", study.value())
			.param("since", at(now.minus(MATCH_VALIDITY)))
			.query(Long.class)
			.single() > 0;
	}

	private static final String SELECT = """
			select id, study_id, department_id, user_id, user_name, kind, purpose, reason, unlocked_at, expires_at,
			       revoked_at, revoked_by_name, revoke_comment, reviewed_at, reviewed_by_name, verdict, review_comment
			from breakglass.unlock""";

	private Unlock unlock(ResultSet rs, int row) throws SQLException {
		return new Unlock(new UnlockId(rs.getObject("id", UUID.class)),
				new StudyId(rs.getObject("study_id", UUID.class)),
				new DepartmentId(rs.getObject("department_id", UUID.class)),
				new UserId(rs.getObject("user_id", UUID.class)), rs.getString("user_name"),
				Unlock.Kind.valueOf(rs.getString("kind")), PurposeOfUse.valueOf(rs.getString("purpose")),
				rs.getString("reason"), instant(rs, "unlocked_at"), instant(rs, "expires_at"),
				instant(rs, "revoked_at"), rs.getString("revoked_by_name"), rs.getString("revoke_comment"),
				instant(rs, "reviewed_at"), rs.getString("reviewed_by_name"),
				rs.getString("verdict") == null ? null : Verdict.valueOf(rs.getString("verdict")),
				rs.getString("review_comment"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/**
	 * Records a search that offered nothing, and forgets the user's misses older than a
	 * day.
	 */
	void recordMiss(UUID user, String patientId, Collection<UUID> departments, Instant now) {
		jdbc.sql("delete from breakglass.search_miss where user_id = :user and searched_at < :before")
			.param("user", user)
			.param("before", at(now.minus(Duration.ofDays(1))))
			.update();
		jdbc.sql("""
				insert into breakglass.search_miss (user_id, searched_at, patient_id, department_ids)
				values (:user, :at, :patient, :departments)
				""")
			.param("user", user)
			.param("at", at(now))
			.param("patient", patientId)
			.param("departments", departments.toArray(UUID[]::new))
			.update();
	}

	/** The user's misses since the instant, oldest first. */
	List<Miss> missesSince(UUID user, Instant since) {
		return jdbc.sql("""
				select searched_at, patient_id, department_ids from breakglass.search_miss
				where user_id = :user and searched_at >= :since order by searched_at, id
				""")
			.param("user", user)
			.param("since", at(since))
			.query((rs, n) -> new Miss(rs.getObject("searched_at", OffsetDateTime.class).toInstant(),
					rs.getString("patient_id"), List.of((UUID[]) rs.getArray("department_ids").getArray())))
			.list();
	}

	record Miss(Instant at, String patientId, List<UUID> departments) {

	}

	/**
	 * Claims the report of the user's burst of misses: true once, and again only when the
	 * last report is older than the window (atomic, so that two instances never both
	 * report).
	 */
	boolean claimAlert(UUID user, Instant now, Duration window) {
		return jdbc.sql("""
				insert into breakglass.search_alert (user_id, alerted_at) values (:user, :now)
				on conflict (user_id) do update set alerted_at = excluded.alerted_at
				where breakglass.search_alert.alerted_at <= :before
				""").param("user", user).param("now", at(now)).param("before", at(now.minus(window))).update() == 1;
	}

}
