package org.studygate.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.studygate.ConflictException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.studygate.directory.SqlText.blankToNull;
import static org.studygate.directory.SqlText.escapeLike;

/** The SQL of staff users and their physician numbers. */
@Repository
class UserStore {

	/** What an actor is made of, of the user's own row. */
	record ActorRow(String displayName, boolean serviceDesk, UserStatus status, Set<String> physicianNumbers,
			Set<String> practicePhysicianNumbers, List<Membership> memberships) {

	}

	private static final String SELECT = """
			select u.id, u.username, u.display_name, u.email, u.mobile, u.contact_public, u.language, u.service_desk,
			       u.status, u.failed_logins, u.created_at, u.locked_until,
			       array(select pn.number from directory.physician_number pn where pn.user_id = u.id order by pn.number) as numbers
			from directory.user_account u
			""";

	private final JdbcClient jdbc;

	UserStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts a user with his physician numbers; a username or number that is taken is a
	 * conflict.
	 */
	UserId insert(NewUser user, String passwordHash, Instant now) {
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
				.param("hash", passwordHash)
				.param("serviceDesk", user.serviceDesk())
				.param("now", Timestamp.from(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("username is already registered");
		}
		user.physicianNumbers().forEach(number -> insertPhysicianNumber(id, number));
		return id;
	}

	private void insertPhysicianNumber(UserId user, String number) {
		try {
			jdbc.sql("insert into directory.physician_number (number, user_id) values (:number, :user)")
				.param("number", number)
				.param("user", user.value())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("physician number " + number + " belongs to another user");
		}
	}

	Optional<UserView> find(UserId id) {
		return jdbc.sql(SELECT + " where u.id = :id").param("id", id.value()).query(UserStore::user).optional();
	}

	Optional<UserView> findByUsername(String username) {
		return jdbc.sql(SELECT + " where lower(u.username) = lower(:username)")
			.param("username", username == null ? "" : username.trim())
			.query(UserStore::user)
			.optional();
	}

	Optional<UserId> findByPhysicianNumber(String number) {
		return jdbc.sql("select user_id from directory.physician_number where number = :number")
			.param("number", number)
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/** The display names of those of these users who exist. */
	Map<UserId, String> displayNames(Collection<UserId> ids) {
		return jdbc.sql("select id, display_name from directory.user_account where id = any(:ids)")
			.param("ids", ids.stream().map(UserId::value).toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(new UserId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	boolean hasServiceDesk() {
		return jdbc.sql("select exists (select 1 from directory.user_account where service_desk)")
			.query(Boolean.class)
			.single();
	}

	/** Writes a user's profile; false when there is no such user. */
	boolean changeProfile(UserId id, ProfileChanges changes) {
		return jdbc.sql("""
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
			.update() > 0;
	}

	/**
	 * Up to {@code limit} users whose name, username or physician number starts with the
	 * lower-case query, by name, after the given name and id when they are not
	 * {@code null}.
	 */
	List<UserView> page(String query, String afterName, UUID afterId, int limit) {
		return jdbc
			.sql(SELECT
					+ """
							 where (:q = '' or lower(u.display_name) like :prefix or lower(u.username) like :prefix
							    or exists (select 1 from directory.physician_number pn where pn.user_id = u.id and lower(pn.number) like :prefix))
							   and (cast(:afterName as text) is null or (u.display_name, u.id) > (cast(:afterName as text), cast(:afterId as uuid)))
							 order by u.display_name, u.id limit :limit
							""")
			.param("q", query)
			.param("prefix", escapeLike(query) + "%")
			.param("afterName", afterName)
			.param("afterId", afterId)
			.param("limit", limit)
			.query(UserStore::user)
			.list();
	}

	/**
	 * Active users by the start of their name or of a word in it, by physician number,
	 * and by e-mail address or mobile number where they made their contact data public.
	 */
	List<UserView> recipients(String query, int limit) {
		return jdbc.sql(SELECT + """
				 where u.status = 'ACTIVE' and (lower(u.display_name) like :prefix or lower(u.display_name) like :word
				    or exists (select 1 from directory.physician_number pn where pn.user_id = u.id and pn.number = :q)
				    or (u.contact_public and (lower(u.email) = lower(:q) or u.mobile = :q)))
				order by u.display_name, u.id limit :limit
				""")
			.param("prefix", escapeLike(query.toLowerCase()) + "%")
			.param("word", "% " + escapeLike(query.toLowerCase()) + "%")
			.param("q", query)
			.param("limit", limit)
			.query(UserStore::user)
			.list();
	}

	/**
	 * What an actor is made of, in one query: the user's row, his physician numbers, his
	 * active memberships and the physician numbers of the colleagues whose studies his
	 * practices share ({@code lapse}: practice memberships confirmed at or before it have
	 * lapsed).
	 */
	Optional<ActorRow> actorRow(UserId id, Timestamp lapse) {
		return jdbc.sql(ACTOR_COLUMNS + " from directory.user_account u where u.id = :id")
			.param("id", id.value())
			.param("lapse", lapse)
			.query((rs, n) -> actorRow(rs))
			.optional();
	}

	/** A live token of an active user, with the actor he acts as. */
	record TokenActorRow(UUID tokenId, UserId user, String username, Instant lastUsedAt, ActorRow actor) {

	}

	/**
	 * The live token with this hash and, in the same query, the actor its user acts as
	 * (docs/decisions/076-gateway-in-two-queries.md): the same conditions as
	 * {@code CredentialStore.liveToken} and {@link #actorRow}.
	 */
	Optional<TokenActorRow> tokenActorRow(byte[] hash, Timestamp now, Timestamp lapse) {
		return jdbc.sql(ACTOR_COLUMNS + """
				, t.id as token_id, u.id as user_id, u.username, t.last_used_at
				from directory.api_token t join directory.user_account u on u.id = t.user_id
				where t.token_hash = :hash and t.expires_at > :now and u.status = 'ACTIVE'
				""").param("hash", hash).param("now", now).param("lapse", lapse).query((rs, n) -> {
			Timestamp lastUsed = rs.getTimestamp("last_used_at");
			return new TokenActorRow(rs.getObject("token_id", UUID.class),
					new UserId(rs.getObject("user_id", UUID.class)), rs.getString("username"),
					lastUsed == null ? null : lastUsed.toInstant(), actorRow(rs));
		}).optional();
	}

	private static ActorRow actorRow(ResultSet rs) throws SQLException {
		return new ActorRow(rs.getString(1), rs.getBoolean(2), UserStatus.valueOf(rs.getString(3)),
				Set.of((String[]) rs.getArray(4).getArray()), Set.of((String[]) rs.getArray(5).getArray()),
				memberships((String[]) rs.getArray(6).getArray()));
	}

	private static final String ACTOR_COLUMNS = """
			select u.display_name, u.service_desk, u.status,
			       array(select pn.number from directory.physician_number pn where pn.user_id = u.id) as numbers,
			       array(select distinct pn.number
			             from directory.group_membership mine
			             join directory.user_group g on g.id = mine.group_id and g.kind = 'PRACTICE' and g.members_share_studies
			             join directory.group_membership other on other.group_id = g.id and """
			+ MembershipStore.counts("other", "g")
			+ """

					join directory.user_account colleague on colleague.id = other.user_id and colleague.shares_with_practice
					join directory.physician_number pn on pn.user_id = other.user_id
					where mine.user_id = u.id and """
			+ MembershipStore.counts("mine", "g") + """
					) as practice_numbers,
					array(select g.id || ' ' || g.kind || ' ' || coalesce(g.department_id::text, '-') || ' ' || m.role
					      from directory.group_membership m join directory.user_group g on g.id = m.group_id
					      where m.user_id = u.id and """ + MembershipStore.counts("m", "g") + """
					       ) as memberships
					""";

	private static List<Membership> memberships(String[] rows) {
		return java.util.Arrays.stream(rows)
			.map(row -> row.split(" "))
			.map(parts -> new Membership(new GroupId(UUID.fromString(parts[0])), GroupKind.valueOf(parts[1]),
					parts[2].equals("-") ? null : UUID.fromString(parts[2]), MembershipRole.valueOf(parts[3])))
			.toList();
	}

	private static UserView user(ResultSet rs, int row) throws SQLException {
		String[] numbers = (String[]) rs.getArray("numbers").getArray();
		Timestamp lockedUntil = rs.getTimestamp("locked_until");
		return new UserView(new UserId(rs.getObject("id", UUID.class)), rs.getString("username"),
				rs.getString("display_name"), rs.getString("email"), rs.getString("mobile"),
				rs.getBoolean("contact_public"), rs.getString("language"), rs.getBoolean("service_desk"),
				UserStatus.valueOf(rs.getString("status")), rs.getInt("failed_logins"), List.of(numbers),
				rs.getTimestamp("created_at").toInstant(), lockedUntil == null ? null : lockedUntil.toInstant());
	}

}
