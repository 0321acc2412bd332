package org.studygate.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory of staff users and groups, and the actor a staff user acts as.
 */
@Service
public class Directory {

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Directory(JdbcClient jdbc, PasswordEncoder passwords, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.clock = clock;
		this.events = events;
	}

	/** Registers a staff user; the username and each physician number must be free. */
	@Transactional
	public UserId createUser(NewUser user) {
		UserId id = UserId.random();
		try {
			jdbc.sql("""
					insert into directory.user_account (id, username, display_name, email, mobile, contact_public,
					    language, password_hash, service_desk, created_at)
					values (:id, :username, :displayName, :email, :mobile, :contactPublic, :language, :hash,
					    :serviceDesk, :now)
					""")
				.param("id", id.value())
				.param("username", user.username())
				.param("displayName", user.displayName())
				.param("email", blankToNull(user.email()))
				.param("mobile", blankToNull(user.mobile()))
				.param("contactPublic", user.contactPublic())
				.param("language", user.language())
				.param("hash", passwords.encode(user.password().clear()))
				.param("serviceDesk", user.serviceDesk())
				.param("now", java.sql.Timestamp.from(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("username is already registered");
		}
		for (String number : user.physicianNumbers()) {
			try {
				jdbc.sql("insert into directory.physician_number (number, user_id) values (:number, :user)")
					.param("number", number)
					.param("user", id.value())
					.update();
			}
			catch (DuplicateKeyException ex) {
				throw new ConflictException("physician number " + number + " belongs to another user");
			}
		}
		return id;
	}

	public Optional<UserView> findUser(UserId id) {
		return jdbc.sql(USER_SELECT + " where u.id = :id").param("id", id.value()).query(this::user).optional();
	}

	public Optional<UserView> findUserByUsername(String username) {
		return jdbc.sql(USER_SELECT + " where lower(u.username) = lower(:username)")
			.param("username", username == null ? "" : username.trim())
			.query(this::user)
			.optional();
	}

	public Optional<UserId> findUserByPhysicianNumber(String number) {
		return jdbc.sql("select user_id from directory.physician_number where number = :number")
			.param("number", number)
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/** Whether any service-desk account exists (first start creates one when none does). */
	public boolean hasServiceDesk() {
		return jdbc.sql("select exists (select 1 from directory.user_account where service_desk)")
			.query(Boolean.class)
			.single();
	}

	/**
	 * The actor a staff user acts as, read afresh: memberships and the physician numbers of his
	 * practices' members are never cached, so that a change takes effect on the next request. Only
	 * active memberships count, on both sides of a practice: an invitation opens nothing.
	 */
	public Optional<Actor> actorOf(UserId id) {
		record Row(String name, boolean serviceDesk, String status) {
		}
		Optional<Row> row = jdbc
			.sql("select display_name, service_desk, status from directory.user_account where id = :id")
			.param("id", id.value())
			.query((rs, n) -> new Row(rs.getString(1), rs.getBoolean(2), rs.getString(3)))
			.optional();
		if (row.isEmpty() || UserStatus.valueOf(row.get().status()) != UserStatus.ACTIVE) {
			return Optional.empty();
		}
		Set<String> numbers = new HashSet<>(jdbc
			.sql("select number from directory.physician_number where user_id = :id")
			.param("id", id.value())
			.query(String.class)
			.list());
		List<Membership> memberships = jdbc.sql("""
				select g.id, g.kind, g.department_id, m.role
				from directory.group_membership m join directory.user_group g on g.id = m.group_id
				where m.user_id = :id and m.state = 'ACTIVE'
				""")
			.param("id", id.value())
			.query((rs, n) -> new Membership(new GroupId(rs.getObject(1, UUID.class)), GroupKind.valueOf(rs.getString(2)),
					rs.getObject(3, UUID.class), MembershipRole.valueOf(rs.getString(4))))
			.list();
		Set<String> practiceNumbers = new HashSet<>(numbers);
		practiceNumbers.addAll(jdbc.sql("""
				select distinct pn.number
				from directory.group_membership mine
				join directory.user_group g on g.id = mine.group_id and g.kind = 'PRACTICE' and g.members_share_studies
				join directory.group_membership other on other.group_id = g.id and other.state = 'ACTIVE'
				join directory.physician_number pn on pn.user_id = other.user_id
				where mine.user_id = :id and mine.state = 'ACTIVE'
				""").param("id", id.value()).query(String.class).list());
		return Optional.of(new Actor(ActorKind.USER, id, row.get().name(), row.get().serviceDesk(), numbers,
				memberships, practiceNumbers));
	}

	/** Registers a practice or a medical department. */
	@Transactional
	public GroupId createGroup(NewGroup group) {
		GroupId id = GroupId.random();
		insertGroup(id, group.kind(), group.name(), group.address(), group.phone(), group.email(), group.isPublic(),
				null);
		return id;
	}

	/** Creates one of the two source groups of a new department. */
	@Transactional
	public GroupId createSourceGroup(UUID departmentId, GroupKind kind, String name) {
		if (!kind.isSourceGroup()) {
			throw new IllegalArgumentException("not a source group kind: " + kind);
		}
		GroupId id = GroupId.random();
		insertGroup(id, kind, name, null, null, null, false, departmentId);
		return id;
	}

	/** Gives a department's source groups its new name. */
	@Transactional
	public void renameSourceGroups(UUID departmentId, String departmentName) {
		jdbc.sql("update directory.user_group set name = :name where department_id = :department")
			.param("name", departmentName)
			.param("department", departmentId)
			.update();
	}

	/** The source group of the given kind of a department. */
	public Optional<GroupId> sourceGroup(UUID departmentId, GroupKind kind) {
		return jdbc.sql("select id from directory.user_group where department_id = :department and kind = :kind")
			.param("department", departmentId)
			.param("kind", kind.name())
			.query((rs, n) -> new GroupId(rs.getObject(1, UUID.class)))
			.optional();
	}

	private void insertGroup(GroupId id, GroupKind kind, String name, String address, String phone, String email,
			boolean isPublic, UUID departmentId) {
		jdbc.sql("""
				insert into directory.user_group (id, kind, name, address, phone, email, public, department_id, created_at)
				values (:id, :kind, :name, :address, :phone, :email, :public, :department, :now)
				""")
			.param("id", id.value())
			.param("kind", kind.name())
			.param("name", name)
			.param("address", blankToNull(address))
			.param("phone", blankToNull(phone))
			.param("email", blankToNull(email))
			.param("public", isPublic)
			.param("department", departmentId)
			.param("now", java.sql.Timestamp.from(clock.instant()))
			.update();
	}

	/**
	 * Makes a user an active member of a group at once, or changes his role there, without consent
	 * or log: for the application's own setup (first start, demo data) and for {@link Memberships},
	 * which decides and logs. Naming him primary contact takes that mark from whoever had it.
	 */
	@Transactional
	public void addMember(GroupId group, UserId user, MembershipRole role, boolean primaryContact) {
		if (findGroup(group).isEmpty()) {
			throw new InvalidInputException("groupId", "no such group");
		}
		if (findUser(user).isEmpty()) {
			throw new InvalidInputException("userId", "no such user");
		}
		if (primaryContact) {
			jdbc.sql("update directory.group_membership set primary_contact = false where group_id = :group")
				.param("group", group.value())
				.update();
		}
		jdbc.sql("""
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
			.param("now", java.sql.Timestamp.from(clock.instant()))
			.update();
	}

	@Transactional
	public void removeMember(GroupId group, UserId user) {
		jdbc.sql("delete from directory.group_membership where group_id = :group and user_id = :user")
			.param("group", group.value())
			.param("user", user.value())
			.update();
	}

	public Optional<GroupView> findGroup(GroupId id) {
		return jdbc.sql("""
				select id, kind, name, address, phone, email, public, department_id, notify, members_share_studies
				from directory.user_group where id = :id
				""").param("id", id.value()).query((rs, n) -> group(rs, members(id))).optional();
	}

	/** Groups of the given kinds whose name starts with the query, by name. */
	public List<GroupView> searchGroups(String query, Set<GroupKind> kinds, int limit) {
		String q = query == null ? "" : query.trim().toLowerCase();
		List<String> kindNames = kinds.stream().map(Enum::name).toList();
		List<GroupView> found = jdbc.sql("""
				select id, kind, name, address, phone, email, public, department_id, notify, members_share_studies
				from directory.user_group
				where kind in (:kinds) and (:q = '' or lower(name) like :prefix)
				order by name, id limit :limit
				""")
			.param("kinds", kindNames)
			.param("q", q)
			.param("prefix", escapeLike(q) + "%")
			.param("limit", Math.max(1, Math.min(limit, 500)))
			.query((rs, n) -> group(rs, List.of()))
			.list();
		return new ArrayList<>(found);
	}

	private List<GroupView.Member> members(GroupId id) {
		return jdbc.sql("""
				select u.id, u.display_name, u.username, m.role, m.primary_contact
				from directory.group_membership m join directory.user_account u on u.id = m.user_id
				where m.group_id = :id and m.state = 'ACTIVE'
				order by m.primary_contact desc, m.role = 'ADMIN' desc, u.display_name, u.id
				""")
			.param("id", id.value())
			.query((rs, n) -> new GroupView.Member(new UserId(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getString(3), MembershipRole.valueOf(rs.getString(4)), rs.getBoolean(5)))
			.list();
	}

	private GroupView group(ResultSet rs, List<GroupView.Member> members) throws SQLException {
		return new GroupView(new GroupId(rs.getObject("id", UUID.class)), GroupKind.valueOf(rs.getString("kind")),
				rs.getString("name"), rs.getString("address"), rs.getString("phone"), rs.getString("email"),
				rs.getBoolean("public"), rs.getObject("department_id", UUID.class), members,
				GroupNotification.valueOf(rs.getString("notify")), rs.getBoolean("members_share_studies"));
	}

	/**
	 * Registers a staff user on behalf of the service desk, the only one who creates accounts; the
	 * new account is never a service-desk account itself.
	 */
	@Transactional
	public UserView registerUser(Actor actor, NewUser user) {
		AdministrationPolicy.platform(actor).enforce();
		if (user.serviceDesk()) {
			throw new InvalidInputException("serviceDesk", "service-desk accounts are not created here");
		}
		UserView created = findUser(createUser(user)).orElseThrow();
		events.publishEvent(new UserCreated(clock.instant(), actor.asAuditActor(), created));
		return created;
	}

	/**
	 * Changes a user's profile: his own, or anyone's for the service desk. Nobody else learns
	 * whether the user exists.
	 */
	@Transactional
	public UserView changeProfile(Actor actor, UserId id, ProfileChanges changes) {
		boolean self = id.equals(actor.userId());
		if (!self) {
			AdministrationPolicy.platform(actor).enforce();
		}
		UserView before = findUser(id).orElse(null);
		int changed = jdbc.sql("""
				update directory.user_account
				set display_name = :name, email = :email, mobile = :mobile, language = :language,
				    contact_public = :contactPublic
				where id = :id
				""")
			.param("name", changes.displayName())
			.param("email", changes.email())
			.param("mobile", changes.mobile())
			.param("language", changes.language())
			.param("contactPublic", changes.contactPublic())
			.param("id", id.value())
			.update();
		if (changed == 0) {
			throw new NotFoundException("user");
		}
		UserView after = findUser(id).orElseThrow();
		java.util.Map<String, String> fields = UserChanged.between(before, after);
		if (!fields.isEmpty()) {
			events.publishEvent(new UserChanged(clock.instant(), actor.asAuditActor(), id, after.displayName(), fields));
		}
		return after;
	}

	/** The logged-in user's own profile. */
	public UserView profile(Actor actor) {
		if (!actor.isUser()) {
			throw new NotFoundException("user");
		}
		return findUser(actor.userId()).orElseThrow(() -> new NotFoundException("user"));
	}

	/** A user as the service desk sees him: status and failed logins included, never the hash. */
	public UserView user(Actor actor, UserId id) {
		AdministrationPolicy.platform(actor).enforce();
		return findUser(id).orElseThrow(() -> new NotFoundException("user"));
	}

	/**
	 * One page of the users whose name, username or physician number starts with the query, by
	 * name; the service desk pages through them with the cursor of the previous page.
	 */
	public UserPage users(Actor actor, String query, String after, int limit) {
		AdministrationPolicy.platform(actor).enforce();
		if (limit < 1 || limit > 500) {
			throw new InvalidInputException("limit", "must be between 1 and 500");
		}
		String q = query == null ? "" : query.trim().toLowerCase();
		String afterName = null;
		UUID afterId = null;
		if (after != null && !after.isBlank()) {
			try {
				String decoded = new String(Base64.getUrlDecoder().decode(after.trim()), StandardCharsets.UTF_8);
				int split = decoded.lastIndexOf('\n');
				afterName = decoded.substring(0, split);
				afterId = UUID.fromString(decoded.substring(split + 1));
			}
			catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
				throw new InvalidInputException("after", "is not a cursor of this list");
			}
		}
		List<UserView> rows = jdbc.sql(USER_SELECT + """
				 where (:q = '' or lower(u.display_name) like :prefix or lower(u.username) like :prefix
				    or exists (select 1 from directory.physician_number pn where pn.user_id = u.id and lower(pn.number) like :prefix))
				   and (cast(:afterName as text) is null or (u.display_name, u.id) > (cast(:afterName as text), cast(:afterId as uuid)))
				 order by u.display_name, u.id limit :limit
				""")
			.param("q", q)
			.param("prefix", escapeLike(q) + "%")
			.param("afterName", afterName)
			.param("afterId", afterId)
			.param("limit", limit + 1)
			.query(this::user)
			.list();
		if (rows.size() <= limit) {
			return new UserPage(rows, null);
		}
		UserView last = rows.get(limit - 1);
		String next = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((last.displayName() + "\n" + last.id()).getBytes(StandardCharsets.UTF_8));
		return new UserPage(rows.subList(0, limit), next);
	}

	/** Registers a practice or a medical department on behalf of the service desk. */
	@Transactional
	public GroupView registerGroup(Actor actor, NewGroup group) {
		AdministrationPolicy.platform(actor).enforce();
		return findGroup(createGroup(group)).orElseThrow();
	}

	/** Practices and medical departments whose name starts with the query, for the service desk. */
	public List<GroupView> groups(Actor actor, String query) {
		AdministrationPolicy.platform(actor).enforce();
		return searchGroups(query, Set.of(GroupKind.PRACTICE, GroupKind.MEDICAL_DEPARTMENT), 500);
	}

	/**
	 * A group with its members, for someone who may administer it: the service desk, or an admin of
	 * that practice or medical department. Others get a refusal; a group they may not see is not
	 * found.
	 */
	public GroupView groupToAdminister(Actor actor, GroupId id) {
		GroupView group = findGroup(id).orElseThrow(() -> new NotFoundException("group"));
		AdministrationPolicy.group(actor, group).enforce();
		return group;
	}

	/**
	 * The groups the actor belongs to, with their members, so that each member sees who else is in
	 * his practice and who its contact is.
	 */
	public List<GroupView> groupsOf(Actor actor) {
		if (!actor.isUser()) {
			return List.of();
		}
		List<GroupId> ids = jdbc.sql("""
				select g.id from directory.group_membership m join directory.user_group g on g.id = m.group_id
				where m.user_id = :user and m.state = 'ACTIVE'
				order by g.kind in ('SOURCE_USERS', 'SOURCE_ADMINS'), g.name, g.id
				""")
			.param("user", actor.userId().value())
			.query((rs, n) -> new GroupId(rs.getObject(1, UUID.class)))
			.list();
		return ids.stream().map(this::findGroup).flatMap(Optional::stream).toList();
	}

	/** Replaces a group's address, phone, e-mail and public flag. */
	@Transactional
	public GroupView updateDetails(Actor actor, GroupId group, GroupDetails details) {
		groupToAdminister(actor, group);
		jdbc.sql("""
				update directory.user_group set address = :address, phone = :phone, email = :email, public = :public
				where id = :id
				""")
			.param("id", group.value())
			.param("address", blankToNull(details.address()))
			.param("phone", blankToNull(details.phone()))
			.param("email", blankToNull(details.email()))
			.param("public", details.isPublic())
			.update();
		return findGroup(group).orElseThrow();
	}

	/** Chooses who of the group is told when a study is shared with it, on behalf of one who may administer it. */
	@Transactional
	public GroupView changeNotification(Actor actor, GroupId group, GroupNotification notification) {
		groupToAdminister(actor, group);
		if (notification == null) {
			throw new InvalidInputException("notification", "must be PRIMARY_CONTACT or ALL_MEMBERS");
		}
		jdbc.sql("update directory.user_group set notify = :notify where id = :id")
			.param("id", group.value())
			.param("notify", notification.name())
			.update();
		return findGroup(group).orElseThrow();
	}

	/**
	 * The members of a group to tell about a share, per the group's setting: every member, or the
	 * primary contact (when there is none, the admins; when there are none, every member). Locked
	 * users are left out.
	 */
	public List<UserView> membersToNotify(GroupId group) {
		GroupView view = findGroup(group).orElse(null);
		if (view == null) {
			return List.of();
		}
		List<GroupView.Member> chosen = view.members();
		if (view.notification() == GroupNotification.PRIMARY_CONTACT) {
			List<GroupView.Member> primary = chosen.stream().filter(GroupView.Member::primaryContact).toList();
			List<GroupView.Member> admins = chosen.stream().filter(m -> m.role() == MembershipRole.ADMIN).toList();
			chosen = !primary.isEmpty() ? primary : !admins.isEmpty() ? admins : chosen;
		}
		return chosen.stream()
			.map(m -> findUser(m.userId()))
			.flatMap(Optional::stream)
			.filter(u -> u.status() == UserStatus.ACTIVE)
			.toList();
	}

	/**
	 * Active users to offer as share recipients: by the start of their name or of a word in it (a
	 * surname), by physician number, and by e-mail address or mobile number only where the user made
	 * his contact data public.
	 */
	public List<UserView> searchRecipients(String query, int limit) {
		String q = query == null ? "" : query.trim();
		if (q.length() < 2) {
			return List.of();
		}
		return jdbc.sql(USER_SELECT + """
				 where u.status = 'ACTIVE' and (lower(u.display_name) like :prefix or lower(u.display_name) like :word
				    or exists (select 1 from directory.physician_number pn where pn.user_id = u.id and pn.number = :q)
				    or (u.contact_public and (lower(u.email) = lower(:q) or u.mobile = :q)))
				order by u.display_name, u.id limit :limit
				""")
			.param("prefix", escapeLike(q.toLowerCase()) + "%")
			.param("word", "% " + escapeLike(q.toLowerCase()) + "%")
			.param("q", q)
			.param("limit", Math.max(1, Math.min(limit, 50)))
			.query(this::user)
			.list();
	}

	public boolean isMember(GroupId group, UserId user) {
		return jdbc.sql("""
				select exists (select 1 from directory.group_membership
				               where group_id = :group and user_id = :user and state = 'ACTIVE')
				""")
			.param("group", group.value())
			.param("user", user.value())
			.query(Boolean.class)
			.single();
	}

	private static final String USER_SELECT = """
			select u.id, u.username, u.display_name, u.email, u.mobile, u.contact_public, u.language, u.service_desk,
			       u.status, u.failed_logins, u.created_at, u.locked_until,
			       array(select pn.number from directory.physician_number pn where pn.user_id = u.id order by pn.number) as numbers
			from directory.user_account u
			""";

	private UserView user(ResultSet rs, int row) throws SQLException {
		String[] numbers = (String[]) rs.getArray("numbers").getArray();
		return new UserView(new UserId(rs.getObject("id", UUID.class)), rs.getString("username"),
				rs.getString("display_name"), rs.getString("email"), rs.getString("mobile"),
				rs.getBoolean("contact_public"), rs.getString("language"), rs.getBoolean("service_desk"),
				UserStatus.valueOf(rs.getString("status")), rs.getInt("failed_logins"), List.of(numbers),
				rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant());
	}

	static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
