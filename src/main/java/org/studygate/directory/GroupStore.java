package org.studygate.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.studygate.directory.SqlText.blankToNull;
import static org.studygate.directory.SqlText.escapeLike;

/**
 * The SQL of groups: practices, medical departments and the source groups of each
 * department.
 */
@Repository
class GroupStore {

	private static final String SELECT = """
			select id, kind, name, address, phone, email, public, department_id, notify, members_share_studies
			from directory.user_group
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	GroupStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Inserts a group; {@code departmentId} is that of a source group's department,
	 * {@code null} otherwise.
	 */
	GroupId insert(GroupKind kind, String name, GroupDetails details, UUID departmentId, Instant now) {
		GroupId id = GroupId.random();
		jdbc.sql(
				"""
						insert into directory.user_group (id, kind, name, address, phone, email, public, department_id, created_at)
						values (:id, :kind, :name, :address, :phone, :email, :public, :department, :now)
						""")
			.param("id", id.value())
			.param("kind", kind.name())
			.param("name", name)
			.param("address", blankToNull(details.address()))
			.param("phone", blankToNull(details.phone()))
			.param("email", blankToNull(details.email()))
			.param("public", details.isPublic())
			.param("department", departmentId)
			.param("now", Timestamp.from(now))
			.update();
		return id;
	}

	/** The group with its active members. */
	Optional<GroupView> find(GroupId id) {
		return jdbc.sql(SELECT + " where id = :id")
			.param("id", id.value())
			.query((rs, n) -> group(rs, members(id)))
			.optional();
	}

	/**
	 * Groups of the given kinds whose name starts with the lower-case query, by name,
	 * without their members.
	 */
	List<GroupView> search(String query, Set<GroupKind> kinds, int limit) {
		return jdbc.sql(SELECT + """
				where kind in (:kinds) and (:q = '' or lower(name) like :prefix)
				order by name, id limit :limit
				""")
			.param("kinds", kinds.stream().map(Enum::name).toList())
			.param("q", query)
			.param("prefix", escapeLike(query) + "%")
			.param("limit", limit)
			.query((rs, n) -> group(rs, List.of()))
			.list();
	}

	Optional<GroupId> sourceGroup(UUID departmentId, GroupKind kind) {
		return jdbc.sql("select id from directory.user_group where department_id = :department and kind = :kind")
			.param("department", departmentId)
			.param("kind", kind.name())
			.query((rs, n) -> new GroupId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/** What a source group's name adds to its department's name (decision 063). */
	static final String ADMINS_SUFFIX = " — administrators";

	static final String USERS_SUFFIX = " — users";

	void renameSourceGroups(UUID departmentId, String name) {
		jdbc.sql("""
				update directory.user_group
				set name = :name || case when kind = 'SOURCE_ADMINS' then :admins else :users end
				where department_id = :department
				""")
			.param("admins", ADMINS_SUFFIX)
			.param("users", USERS_SUFFIX)
			.param("name", name)
			.param("department", departmentId)
			.update();
	}

	void changeDetails(GroupId id, GroupDetails details) {
		jdbc.sql("""
				update directory.user_group set address = :address, phone = :phone, email = :email, public = :public
				where id = :id
				""")
			.param("id", id.value())
			.param("address", blankToNull(details.address()))
			.param("phone", blankToNull(details.phone()))
			.param("email", blankToNull(details.email()))
			.param("public", details.isPublic())
			.update();
	}

	void changeNotification(GroupId id, GroupNotification notification) {
		jdbc.sql("update directory.user_group set notify = :notify where id = :id")
			.param("id", id.value())
			.param("notify", notification.name())
			.update();
	}

	/**
	 * The active memberships, each with the day it lapsed when it no longer counts (a
	 * practice membership not confirmed again in time, decision 061).
	 */
	private List<GroupView.Member> members(GroupId id) {
		Instant lapse = Reconfirmations.lapsesBefore(clock.instant());
		return jdbc.sql("""
				select u.id, u.display_name, u.username, m.role, m.primary_contact,
				       case when g.kind = 'PRACTICE' and m.confirmed_at <= :lapse then m.confirmed_at end as lapsed_from
				from directory.group_membership m join directory.user_account u on u.id = m.user_id
				     join directory.user_group g on g.id = m.group_id
				where m.group_id = :id and m.state = 'ACTIVE'
				order by m.primary_contact desc, m.role = 'ADMIN' desc, u.display_name, u.id
				""")
			.param("id", id.value())
			.param("lapse", Timestamp.from(lapse))
			.query((rs, n) -> new GroupView.Member(new UserId(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getString(3), MembershipRole.valueOf(rs.getString(4)), rs.getBoolean(5),
					lapsedOn(rs.getTimestamp(6))))
			.list();
	}

	private static LocalDate lapsedOn(Timestamp confirmedAt) {
		return confirmedAt == null ? null
				: Reconfirmations.lapsesAt(confirmedAt.toInstant()).atOffset(ZoneOffset.UTC).toLocalDate();
	}

	private static GroupView group(ResultSet rs, List<GroupView.Member> members) throws SQLException {
		return new GroupView(new GroupId(rs.getObject("id", UUID.class)), GroupKind.valueOf(rs.getString("kind")),
				rs.getString("name"), rs.getString("address"), rs.getString("phone"), rs.getString("email"),
				rs.getBoolean("public"), rs.getObject("department_id", UUID.class), members,
				GroupNotification.valueOf(rs.getString("notify")), rs.getBoolean("members_share_studies"));
	}

}
