package org.studygate.transfer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.department.DepartmentId;
import org.studygate.directory.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The PACS destinations and the service desk's allow-list entries (decision 033), read
 * afresh on every call; the jobs are {@link TransferStore}'s.
 */
@Repository
class DestinationStore {

	private static final String DESTINATION = """
			select id, department_id, user_id, name, kind, ae_title, host, port, url
			from transfer.destination""";

	private final JdbcClient jdbc;

	DestinationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An active destination. */
	Optional<Destination> destination(DestinationId id) {
		return jdbc.sql(DESTINATION + " where id = :id and removed_at is null")
			.param("id", id.value())
			.query(DestinationStore::destination)
			.optional();
	}

	List<Destination> destinationsOf(DepartmentId department) {
		return destinations("department_id", department.value());
	}

	List<Destination> destinationsOf(UserId user) {
		return destinations("user_id", user.value());
	}

	private List<Destination> destinations(String ownerColumn, UUID owner) {
		String where = " where %s = :owner and removed_at is null order by name, id".formatted(ownerColumn);
		return jdbc.sql(DESTINATION + where).param("owner", owner).query(DestinationStore::destination).list();
	}

	void insert(Destination destination, Instant now) {
		jdbc.sql(
				"""
						insert into transfer.destination (id, department_id, user_id, name, kind, ae_title, host, port, url, created_at)
						values (:id, :department, :user, :name, :kind, :ae, :host, :port, :url, :now)
						""")
			.param("id", destination.id().value())
			.param("department", destination.departmentId() == null ? null : destination.departmentId().value())
			.param("user", destination.userId() == null ? null : destination.userId().value())
			.param("name", destination.name())
			.param("kind", destination.kind().name())
			.param("ae", destination.aeTitle())
			.param("host", destination.host())
			.param("port", destination.port())
			.param("url", destination.url())
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Removes a destination; its jobs keep their label. */
	void remove(DestinationId id, Instant now) {
		jdbc.sql("update transfer.destination set removed_at = :now where id = :id")
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	/** The service desk's entries. */
	List<String> allowedHosts() {
		return jdbc.sql("select entry from transfer.allowed_host order by entry").query(String.class).list();
	}

	void replaceAllowedHosts(Collection<String> entries, String by, Instant at) {
		jdbc.sql("delete from transfer.allowed_host").update();
		for (String entry : entries) {
			jdbc.sql("insert into transfer.allowed_host (entry, added_by, added_at) values (:entry, :by, :at)")
				.param("entry", entry)
				.param("by", by)
				.param("at", Timestamp.from(at))
				.update();
		}
	}

	private static Destination destination(ResultSet rs, int n) throws SQLException {
		UUID department = rs.getObject("department_id", UUID.class);
		UUID user = rs.getObject("user_id", UUID.class);
		return new Destination(new DestinationId(rs.getObject("id", UUID.class)),
				department == null ? null : new DepartmentId(department), user == null ? null : new UserId(user),
				rs.getString("name"), Destination.Kind.valueOf(rs.getString("kind")), rs.getString("ae_title"),
				rs.getString("host"), (Integer) rs.getObject("port"), rs.getString("url"));
	}

}
