package org.studygate.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of memberships: invitations, consent, and the active memberships a user acts
 * with.
 */
@Repository
class MembershipStore {

	/** One membership row as it stands. */
	record Row(MembershipState state, MembershipRole role, boolean primaryContact, Instant invitedAt) {

	}

	/**
	 * A membership that counts now (alias {@code m} of group {@code g}): active and, for
	 * a practice, confirmed within the lapse period (decision 061); binds {@code :lapse}.
	 */
	static String counts(String m, String g) {
		return "(" + m + ".state = 'ACTIVE' and (" + g + ".kind <> 'PRACTICE' or " + m + ".confirmed_at > :lapse))";
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	MembershipStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Practice memberships confirmed at or before this instant have lapsed. */
	Timestamp lapse() {
		return Timestamp.from(Reconfirmations.lapsesBefore(clock.instant()));
	}

	Optional<Row> find(GroupId group, UserId user) {
		return jdbc.sql("""
				select state, role, primary_contact, invited_at from directory.group_membership
				where group_id = :group and user_id = :user
				""")
			.param("group", group.value())
			.param("user", user.value())
			.query((rs, n) -> new Row(MembershipState.valueOf(rs.getString(1)), MembershipRole.valueOf(rs.getString(2)),
					rs.getBoolean(3), instant(rs.getTimestamp(4))))
			.optional();
	}

	/** Records an invitation, renewing one that is still there (an expired one). */
	void invite(GroupId group, UserId user, MembershipRole role, UserId invitedBy, Instant at) {
		jdbc.sql(
				"""
						insert into directory.group_membership (group_id, user_id, role, primary_contact, state, invited_at, invited_by)
						values (:group, :user, :role, false, 'INVITED', :at, :by)
						on conflict (group_id, user_id) do update
						    set role = excluded.role, invited_at = excluded.invited_at, invited_by = excluded.invited_by
						    where directory.group_membership.state = 'INVITED'
						""")
			.param("group", group.value())
			.param("user", user.value())
			.param("role", role.name())
			.param("at", Timestamp.from(at))
			.param("by", invitedBy == null ? null : invitedBy.value())
			.update();
	}

	/**
	 * Makes an invitation sent after {@code sentAfter} an active membership; false when
	 * there is none.
	 */
	boolean accept(GroupId group, UserId user, Instant sentAfter, Instant now) {
		return jdbc.sql("""
				update directory.group_membership set state = 'ACTIVE', accepted_at = :now, confirmed_at = :now
				where group_id = :group and user_id = :user and state = 'INVITED' and invited_at > :sentAfter
				""")
			.param("group", group.value())
			.param("user", user.value())
			.param("sentAfter", Timestamp.from(sentAfter))
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * Makes the user an active member at once, or changes his role there; naming him
	 * primary contact takes that mark from whoever had it.
	 */
	void activate(GroupId group, UserId user, MembershipRole role, boolean primaryContact, Instant now) {
		if (primaryContact) {
			jdbc.sql("update directory.group_membership set primary_contact = false where group_id = :group")
				.param("group", group.value())
				.update();
		}
		jdbc.sql(
				"""
						insert into directory.group_membership (group_id, user_id, role, primary_contact, confirmed_at, state,
						                                        accepted_at)
						values (:group, :user, :role, :primary, :now, 'ACTIVE', :now)
						on conflict (group_id, user_id) do update
						    set role = excluded.role, primary_contact = excluded.primary_contact, confirmed_at = excluded.confirmed_at,
						        state = 'ACTIVE', accepted_at = coalesce(directory.group_membership.accepted_at, excluded.accepted_at)
						""")
			.param("group", group.value())
			.param("user", user.value())
			.param("role", role.name())
			.param("primary", primaryContact)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Deletes the row whatever its state. */
	void delete(GroupId group, UserId user) {
		jdbc.sql("delete from directory.group_membership where group_id = :group and user_id = :user")
			.param("group", group.value())
			.param("user", user.value())
			.update();
	}

	/** Deletes the row if it is in the given state; false when there was none. */
	boolean delete(GroupId group, UserId user, MembershipState state) {
		return jdbc.sql("""
				delete from directory.group_membership where group_id = :group and user_id = :user and state = :state
				""")
			.param("group", group.value())
			.param("user", user.value())
			.param("state", state.name())
			.update() == 1;
	}

	/**
	 * Confirms an active practice membership again, lapsed or not; false when there is
	 * none.
	 */
	boolean confirm(GroupId group, UserId user, Instant now) {
		return jdbc.sql("""
				update directory.group_membership m set confirmed_at = :now, reminded_at = null
				from directory.user_group g
				where g.id = m.group_id and g.kind = 'PRACTICE' and m.group_id = :group and m.user_id = :user
				  and m.state = 'ACTIVE'
				""")
			.param("group", group.value())
			.param("user", user.value())
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** A practice membership whose reminder is due: the member, the group, its end. */
	record Due(UserId user, GroupId group, String groupName, Instant lapsesAt) {

	}

	/**
	 * Claims the reminders of the practice memberships that count now and lapse before
	 * {@code remindFrom} and were not reminded since their last confirmation; each is
	 * claimed once.
	 */
	List<Due> claimReminders(Instant now, Instant lapse, Instant remindFrom) {
		return jdbc.sql("""
				update directory.group_membership m set reminded_at = :now
				from directory.user_group g
				where g.id = m.group_id and g.kind = 'PRACTICE' and m.state = 'ACTIVE'
				  and m.confirmed_at > :lapse and m.confirmed_at <= :remindFrom
				  and (m.reminded_at is null or m.reminded_at < m.confirmed_at)
				returning m.user_id, m.group_id, g.name, m.confirmed_at
				""")
			.param("now", Timestamp.from(now))
			.param("lapse", Timestamp.from(lapse))
			.param("remindFrom", Timestamp.from(remindFrom))
			.query((rs, n) -> new Due(new UserId(rs.getObject(1, UUID.class)), new GroupId(rs.getObject(2, UUID.class)),
					rs.getString(3), Reconfirmations.lapsesAt(rs.getTimestamp(4).toInstant())))
			.list();
	}

	/** The user's practice memberships that lapsed, by name. */
	List<GroupId> lapsedPractices(UserId user) {
		return jdbc.sql("""
				select g.id from directory.group_membership m join directory.user_group g on g.id = m.group_id
				where m.user_id = :user and m.state = 'ACTIVE' and g.kind = 'PRACTICE' and m.confirmed_at <= :lapse
				order by g.name, g.id
				""")
			.param("user", user.value())
			.param("lapse", lapse())
			.query((rs, n) -> new GroupId(rs.getObject(1, UUID.class)))
			.list();
	}

	/**
	 * When the user's practice membership lapses (or lapsed), if he has an active one.
	 */
	Optional<Instant> lapsesAt(GroupId group, UserId user) {
		return confirmedAt(group, user).map(Reconfirmations::lapsesAt);
	}

	/** The last confirmation of an active practice membership. */
	Optional<Instant> confirmedAt(GroupId group, UserId user) {
		return jdbc.sql("""
				select m.confirmed_at from directory.group_membership m join directory.user_group g on g.id = m.group_id
				where m.group_id = :group and m.user_id = :user and m.state = 'ACTIVE' and g.kind = 'PRACTICE'
				""")
			.param("group", group.value())
			.param("user", user.value())
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	void changeSharing(GroupId group, boolean membersShareStudies) {
		jdbc.sql("update directory.user_group set members_share_studies = :share where id = :id")
			.param("id", group.value())
			.param("share", membersShareStudies)
			.update();
	}

	void changePracticeSharing(UserId user, boolean shares) {
		jdbc.sql("update directory.user_account set shares_with_practice = :shares where id = :id")
			.param("id", user.value())
			.param("shares", shares)
			.update();
	}

	boolean sharesWithPractice(UserId user) {
		return jdbc.sql("select shares_with_practice from directory.user_account where id = :id")
			.param("id", user.value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	boolean isActive(GroupId group, UserId user) {
		return jdbc
			.sql("""
					select exists (select 1 from directory.group_membership m join directory.user_group g on g.id = m.group_id
					               where m.group_id = :group and m.user_id = :user and """
					+ counts("m", "g") + ")")
			.param("group", group.value())
			.param("user", user.value())
			.param("lapse", lapse())
			.query(Boolean.class)
			.single();
	}

	/**
	 * The groups the user is an active member of: practices and medical departments by
	 * name, then source groups by name.
	 */
	List<GroupId> activeGroupIds(UserId user) {
		return jdbc.sql("""
				select g.id from directory.group_membership m join directory.user_group g on g.id = m.group_id
				where m.user_id = :user and """ + counts("m", "g") + """
				order by g.kind in ('SOURCE_USERS', 'SOURCE_ADMINS'), g.name, g.id
				""")
			.param("user", user.value())
			.param("lapse", lapse())
			.query((rs, n) -> new GroupId(rs.getObject(1, UUID.class)))
			.list();
	}

	/** The user's invitations sent after {@code sentAfter}, newest first. */
	List<Invitation> invitationsOf(UserId user, Instant sentAfter, java.time.Duration validity) {
		return jdbc.sql(INVITATIONS + " where m.user_id = :user" + OPEN)
			.param("user", user.value())
			.param("sentAfter", Timestamp.from(sentAfter))
			.query((rs, n) -> invitation(rs, validity))
			.list();
	}

	/** The group's invitations sent after {@code sentAfter}, newest first. */
	List<Invitation> invitationsTo(GroupId group, Instant sentAfter, java.time.Duration validity) {
		return jdbc.sql(INVITATIONS + " where m.group_id = :group" + OPEN)
			.param("group", group.value())
			.param("sentAfter", Timestamp.from(sentAfter))
			.query((rs, n) -> invitation(rs, validity))
			.list();
	}

	private static final String INVITATIONS = """
			select g.id as group_id, g.name as group_name, g.kind, u.id as user_id, u.display_name, u.username, m.role,
			       m.invited_at, inviter.display_name as invited_by_name
			from directory.group_membership m
			join directory.user_group g on g.id = m.group_id
			join directory.user_account u on u.id = m.user_id
			left join directory.user_account inviter on inviter.id = m.invited_by
			""";

	private static final String OPEN = " and m.state = 'INVITED' and m.invited_at > :sentAfter order by m.invited_at desc, g.name";

	private static Invitation invitation(ResultSet rs, java.time.Duration validity) throws SQLException {
		Instant invitedAt = rs.getTimestamp("invited_at").toInstant();
		return new Invitation(new GroupId(rs.getObject("group_id", UUID.class)), rs.getString("group_name"),
				GroupKind.valueOf(rs.getString("kind")), new UserId(rs.getObject("user_id", UUID.class)),
				rs.getString("display_name"), rs.getString("username"), MembershipRole.valueOf(rs.getString("role")),
				invitedAt, invitedAt.plus(validity), rs.getString("invited_by_name"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
