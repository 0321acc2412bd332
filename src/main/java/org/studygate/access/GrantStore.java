package org.studygate.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.directory.Actor;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The grant table: SQL only, no rules beyond the merge statement. */
@Component
class GrantStore {

	private static final String SELECT = """
			select id, study_id, subject_type, subject_id, scope, may_share, may_transfer, valid_from, valid_until,
			       origin, granted_at, granted_by, granted_by_name, withdrawn_at, withdrawn_by_name, withdrawn_reason
			from access.study_grant
			""";

	/** In force at the instant bound to both placeholders. */
	static final String IN_FORCE = "g.withdrawn_at is null and (g.valid_from is null or g.valid_from <= ?)"
			+ " and (g.valid_until is null or g.valid_until > ?)";

	private final JdbcClient jdbc;

	GrantStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a grant, merged into the subject's live grant on the study when there is
	 * one: the widest scope, either flag, the earliest start and the latest end (no end
	 * wins). The live grant keeps its id, origin and first granting.
	 */
	Grant merge(StudyId study, NewGrant grant, Actor by, Instant now) {
		UUID id = jdbc
			.sql("""
					insert into access.study_grant as g (id, study_id, subject_type, subject_id, scope, may_share,
					    may_transfer, valid_from, valid_until, origin, granted_at, granted_by, granted_by_name)
					values (:id, :study, :type, :subject, :scope, :share, :transfer, :from, :until, :origin, :now, :by, :byName)
					on conflict (study_id, subject_type, subject_id) where withdrawn_at is null do update set
					    scope = case when array_position(array['IMAGES','IMAGES_REPORT_READ','IMAGES_REPORT_WRITE'], excluded.scope)
					                    > array_position(array['IMAGES','IMAGES_REPORT_READ','IMAGES_REPORT_WRITE'], g.scope)
					                 then excluded.scope else g.scope end,
					    may_share = g.may_share or excluded.may_share,
					    may_transfer = g.may_transfer or excluded.may_transfer,
					    valid_from = case when g.valid_from is null or excluded.valid_from is null then null
					                      else least(g.valid_from, excluded.valid_from) end,
					    valid_until = case when g.valid_until is null or excluded.valid_until is null then null
					                       else greatest(g.valid_until, excluded.valid_until) end
					returning id
					""")
			.param("id", UUID.randomUUID())
			.param("study", study.value())
			.param("type", grant.subjectType().name())
			.param("subject", grant.subjectId())
			.param("scope", grant.scope().name())
			.param("share", grant.mayShare())
			.param("transfer", grant.mayTransfer())
			.param("from", timestamp(grant.validFrom()))
			.param("until", timestamp(grant.validUntil()))
			.param("origin", grant.origin().name())
			.param("now", timestamp(now))
			.param("by", by.isUser() ? by.userId().value() : null)
			.param("byName", by.name())
			.query(UUID.class)
			.single();
		return find(new GrantId(id)).orElseThrow();
	}

	/**
	 * Withdraws a live grant of the study; false when there is none with that id on that
	 * study.
	 */
	boolean withdraw(StudyId study, GrantId grant, Actor by, String reason, Instant now) {
		return jdbc.sql("""
				update access.study_grant set withdrawn_at = :now, withdrawn_by = :by, withdrawn_by_name = :byName,
				    withdrawn_reason = :reason
				where id = :id and study_id = :study and withdrawn_at is null
				""")
			.param("now", timestamp(now))
			.param("by", by.isUser() ? by.userId().value() : null)
			.param("byName", by.name())
			.param("reason", reason)
			.param("id", grant.value())
			.param("study", study.value())
			.update() == 1;
	}

	Optional<Grant> find(GrantId id) {
		return jdbc.sql(SELECT + " where id = :id").param("id", id.value()).query(this::grant).optional();
	}

	/** Every grant of the study, withdrawn ones too, newest first. */
	List<Grant> ofStudy(StudyId study) {
		return jdbc.sql(SELECT + " where study_id = :study order by granted_at desc, id")
			.param("study", study.value())
			.query(this::grant)
			.list();
	}

	/** A study's live grants and the exclusions in force on it. */
	record Lines(List<Grant> grants, List<Exclusion> exclusions) {

	}

	/**
	 * The study's live (not withdrawn) grants, newest first, and the exclusions in force
	 * on it, oldest first, in one query (docs/decisions/079-access-tab-reads-once.md).
	 */
	Lines linesOf(StudyId study) {
		List<Grant> grants = new java.util.ArrayList<>();
		List<Exclusion> exclusions = new java.util.ArrayList<>();
		jdbc.sql("""
				select 'GRANT' as what, id, study_id, subject_type, subject_id, scope, may_share, may_transfer,
				       valid_from, valid_until, origin, granted_at, granted_by, granted_by_name, withdrawn_at,
				       withdrawn_by_name, withdrawn_reason, null as path, null as excluded_at, null as excluded_by,
				       null as excluded_by_name, null as reason, null as restored_at, null as restored_by_name
				from access.study_grant where study_id = :study and withdrawn_at is null
				union all
				select 'EXCLUSION', id, study_id, subject_type, subject_id, null, null, null, null, null, null, null,
				       null, null, null, null, null, path, excluded_at, excluded_by, excluded_by_name, reason,
				       restored_at, restored_by_name
				from access.study_exclusion where study_id = :study and restored_at is null
				order by what, granted_at desc, excluded_at, id
				""").param("study", study.value()).query((rs, n) -> {
			if ("GRANT".equals(rs.getString("what"))) {
				return grants.add(grant(rs, n));
			}
			return exclusions.add(ExclusionStore.exclusion(rs, n));
		}).list();
		return new Lines(grants, exclusions);
	}

	/**
	 * The subject's live (not withdrawn) grant on the study, which a new grant to him
	 * merges into.
	 */
	Optional<Grant> live(StudyId study, SubjectType type, UUID subject) {
		return jdbc
			.sql(SELECT + " where study_id = :study and subject_type = :type and subject_id = :subject"
					+ " and withdrawn_at is null")
			.param("study", study.value())
			.param("type", type.name())
			.param("subject", subject)
			.query(this::grant)
			.optional();
	}

	/**
	 * The grants of the study that are not withdrawn and are given to the user or one of
	 * his groups.
	 */
	List<Grant> liveFor(StudyId study, Actor actor) {
		if (!actor.isUser()) {
			return List.of();
		}
		return jdbc.sql(SELECT + """
				 where study_id = ? and withdrawn_at is null
				   and ((subject_type = 'USER' and subject_id = ?) or (subject_type = 'GROUP' and subject_id = any(?)))
				""").params(study.value(), actor.userId().value(), groupIds(actor)).query(this::grant).list();
	}

	/** Studies granted, and in force now, to the user himself. */
	static StudyCondition grantedToUser(Actor actor, Instant now) {
		if (!actor.isUser()) {
			return StudyCondition.never();
		}
		OffsetDateTime at = offset(now);
		return StudyCondition.of("s.id = any(array(select g.study_id from access.study_grant g where g.subject_id = ?"
				+ " and g.subject_type = 'USER' and " + IN_FORCE + "))", actor.userId().value(), at, at);
	}

	/** Studies granted, and in force now, to a group the user belongs to. */
	static StudyCondition grantedToGroups(Actor actor, Instant now) {
		if (!actor.isUser() || actor.memberships().isEmpty()) {
			return StudyCondition.never();
		}
		OffsetDateTime at = offset(now);
		return StudyCondition
			.of("s.id = any(array(select g.study_id from access.study_grant g where g.subject_id = any(?)"
					+ " and g.subject_type = 'GROUP' and " + IN_FORCE + "))", groupIds(actor), at, at);
	}

	private static UUID[] groupIds(Actor actor) {
		Collection<UUID> ids = actor.groupIds().stream().map(g -> g.value()).toList();
		return ids.toArray(UUID[]::new);
	}

	private static OffsetDateTime offset(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
	}

	private Grant grant(ResultSet rs, int row) throws SQLException {
		return new Grant(new GrantId(rs.getObject("id", UUID.class)), new StudyId(rs.getObject("study_id", UUID.class)),
				SubjectType.valueOf(rs.getString("subject_type")), rs.getObject("subject_id", UUID.class),
				GrantScope.valueOf(rs.getString("scope")), rs.getBoolean("may_share"), rs.getBoolean("may_transfer"),
				instant(rs, "valid_from"), instant(rs, "valid_until"), GrantOrigin.valueOf(rs.getString("origin")),
				instant(rs, "granted_at"), rs.getObject("granted_by", UUID.class), rs.getString("granted_by_name"),
				instant(rs, "withdrawn_at"), rs.getString("withdrawn_by_name"), rs.getString("withdrawn_reason"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
