package org.studygate.directory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the reminder's one-click links (decision 064): only the token's hash is
 * stored, with the membership and the confirmation it renews.
 */
@Repository
class ReconfirmationLinkStore {

	/** The membership a link renews, and the confirmation it was made for. */
	record Link(GroupId group, UserId user, Instant confirmedAt, Instant expiresAt) {

	}

	private final JdbcClient jdbc;

	ReconfirmationLinkStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new link for the confirmation named and drops the unused links of the same
	 * membership: the newest reminder's link is the one that works.
	 */
	void insert(byte[] hash, Link link, Instant now) {
		jdbc.sql(
				"delete from directory.reconfirmation_link where group_id = :group and user_id = :user and used_at is null")
			.param("group", link.group().value())
			.param("user", link.user().value())
			.update();
		jdbc.sql(
				"""
						insert into directory.reconfirmation_link (token_hash, group_id, user_id, confirmed_at, expires_at, issued_at)
						values (:hash, :group, :user, :confirmedAt, :expiresAt, :now)
						""")
			.param("hash", hash)
			.param("group", link.group().value())
			.param("user", link.user().value())
			.param("confirmedAt", Timestamp.from(link.confirmedAt()))
			.param("expiresAt", Timestamp.from(link.expiresAt()))
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * The link of this hash for this practice, when it is unused, not expired and its
	 * membership is active and not confirmed since.
	 */
	Optional<Link> usable(byte[] hash, GroupId group, Instant now) {
		return jdbc.sql("""
				select l.group_id, l.user_id, l.confirmed_at, l.expires_at
				from directory.reconfirmation_link l
				join directory.group_membership m on m.group_id = l.group_id and m.user_id = l.user_id
				where l.token_hash = :hash and l.group_id = :group and l.used_at is null and l.expires_at > :now
				  and m.state = 'ACTIVE' and m.confirmed_at = l.confirmed_at
				""")
			.param("hash", hash)
			.param("group", group.value())
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new Link(new GroupId(rs.getObject(1, java.util.UUID.class)),
					new UserId(rs.getObject(2, java.util.UUID.class)), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4).toInstant()))
			.optional();
	}

	/**
	 * Uses the link once and confirms its membership again; false (and nothing changed)
	 * when another request used it first or the membership changed meanwhile.
	 */
	boolean use(byte[] hash, Link link, Instant now) {
		int used = jdbc.sql("""
				update directory.reconfirmation_link set used_at = :now
				where token_hash = :hash and used_at is null and expires_at > :now
				""").param("hash", hash).param("now", Timestamp.from(now)).update();
		if (used != 1) {
			return false;
		}
		return jdbc.sql("""
				update directory.group_membership set confirmed_at = :now, reminded_at = null
				where group_id = :group and user_id = :user and state = 'ACTIVE' and confirmed_at = :confirmedAt
				""")
			.param("group", link.group().value())
			.param("user", link.user().value())
			.param("confirmedAt", Timestamp.from(link.confirmedAt()))
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

}
