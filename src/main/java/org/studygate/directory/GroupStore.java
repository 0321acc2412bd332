package org.studygate.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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

	/** The names of those of these groups that exist. */
	Map<GroupId, String> names(Collection<GroupId> ids) {
		return jdbc.sql("select id, name from directory.user_group where id = any(:ids)")
			.param("ids", ids.stream().map(GroupId::value).toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(new GroupId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * The practices of {@link #sharingPractices}, {@code g}, through the memberships
	 * {@code m} of the users the text that follows names (e.g. {@code = any(:users)}).
	 */
	private static final String SHARING = " " + """
			from directory.group_membership m
			join directory.user_group g on g.id = m.group_id and g.kind = 'PRACTICE' and g.members_share_studies
			join directory.user_account u on u.id = m.user_id and u.status = 'ACTIVE' and u.shares_with_practice
			where """ + MembershipStore.counts("m", "g") + " and m.user_id";

	/**
	 * What the Users section of a study's Access tab names, in one query
	 * (docs/decisions/079-access-tab-reads-once.md): the department's source groups, the
	 * accounts of the physician numbers, where those accounts' studies are open to
	 * practice colleagues ({@link #sharingPractices}), and the names of the users and
	 * groups given and of all those found. Each row is its kind, a key, an id and a name.
	 */
	StudySubjects studySubjects(UUID departmentId, Collection<String> numbers, Collection<UserId> users,
			Collection<GroupId> groups) {
		StudySubjects.Builder subjects = new StudySubjects.Builder();
		jdbc.sql("""
				with accounts as (select number, user_id from directory.physician_number where number = any(:numbers)),
				sources as (select kind, id from directory.user_group
				            where department_id = :department and kind in ('SOURCE_ADMINS', 'SOURCE_USERS')),
				practices as (select m.user_id, g.id, g.name """ + SHARING
				+ """
						 in (select user_id from accounts))
						select 'SOURCE' as what, kind as key, id, null as name from sources
						union all select 'ACCOUNT', number, user_id, null from accounts
						union all select 'PRACTICE', user_id::text, id, name from practices
						union all select 'USER', null, id, display_name from directory.user_account
						          where id in (select unnest(:users) union select user_id from accounts)
						union all select 'GROUP', null, id, name from directory.user_group
						          where id in (select unnest(:groups) union select id from sources union select id from practices)
						order by 1, 4, 3
						""")
			.param("numbers", numbers.toArray(String[]::new))
			.param("department", departmentId)
			.param("users", users.stream().map(UserId::value).toArray(UUID[]::new))
			.param("groups", groups.stream().map(GroupId::value).toArray(UUID[]::new))
			.param("lapse", Timestamp.from(Reconfirmations.lapsesBefore(clock.instant())))
			.query((rs, n) -> subjects.add(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4)))
			.list();
		return subjects.build();
	}

	/** A department's source groups, by kind. */
	Map<GroupKind, GroupId> sourceGroups(UUID departmentId) {
		return jdbc.sql("""
				select kind, id from directory.user_group
				where department_id = :department and kind in ('SOURCE_ADMINS', 'SOURCE_USERS')
				""")
			.param("department", departmentId)
			.query((rs, n) -> Map.entry(GroupKind.valueOf(rs.getString(1)), new GroupId(rs.getObject(2, UUID.class))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

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
