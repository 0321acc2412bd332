package org.studygate.audit;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.studygate.InvalidInputException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the access log: appending entries and reading them back. */
@Repository
class AuditStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {
	};

	static final String COLUMNS = "id, at, actor_kind, actor_id, actor_name, channel, action, outcome, study_id, "
			+ "client_ip, user_agent, details::text";

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	private final JdbcTemplate batch;

	private final JdbcClient independent;

	AuditStore(JdbcClient jdbc, JdbcTemplate template,
			@Qualifier("independentLogDataSource") DataSource independentDataSource) {
		this.jdbc = jdbc;
		this.batch = template;
		this.independent = JdbcClient.create(independentDataSource);
		JdbcTemplate fetching = new JdbcTemplate(template.getDataSource());
		fetching.setFetchSize(2000);
		this.streaming = JdbcClient.create(fetching);
	}

	/**
	 * Appends an entry, already normalised, with its content hash, in the current
	 * transaction if any.
	 */
	void insert(AuditEntry entry) {
		insert(jdbc, entry);
	}

	/**
	 * Appends an entry in a transaction of its own (one statement, committed at once), on
	 * connections that requests never hold: it survives whatever happens to the caller's
	 * transaction.
	 */
	void insertIndependently(AuditEntry entry) {
		insert(independent, entry);
	}

	private static void insert(JdbcClient client, AuditEntry entry) {
		client.sql("""
				insert into audit.entry (at, actor_kind, actor_id, actor_name, channel, action, outcome, study_id,
				                         client_ip, user_agent, details, entry_hash)
				values (:at, :kind, :actorId, :name, :channel, :action, :outcome, :study, :ip, :agent,
				        cast(:details as jsonb), :hash)
				""")
			.param("at", Timestamp.from(entry.at()))
			.param("kind", entry.actorKind())
			.param("actorId", entry.actorId())
			.param("name", entry.actorName())
			.param("channel", entry.channel())
			.param("action", entry.action())
			.param("outcome", entry.outcome())
			.param("study", entry.studyId())
			.param("ip", entry.clientIp())
			.param("agent", entry.userAgent())
			.param("details", json(entry.details()))
			.param("hash", EntryHash.of(entry))
			.update();
	}

	/**
	 * Appends entries in one {@code COPY} on the current transaction's connection
	 * (decision 068): one statement and no per-row parameter binding; a failure fails the
	 * transaction as an INSERT's would.
	 */
	void insertAll(List<AuditEntry> entries) {
		if (entries.size() == 1) {
			insert(entries.get(0));
			return;
		}
		byte[] rows = EntryRows.of(entries);
		batch.execute((ConnectionCallback<Long>) connection -> {
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(EntryRows.COPY);
			try {
				copy.writeToCopy(rows, 0, rows.length);
				return copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		});
	}

	static String json(Map<String, String> details) {
		return EntryRows.json(details);
	}

	static AuditEntry entry(ResultSet rs, int offset) throws SQLException {
		String details = rs.getString(offset + 11);
		return new AuditEntry(rs.getLong(offset), rs.getTimestamp(offset + 1).toInstant(), rs.getString(offset + 2),
				rs.getString(offset + 3), rs.getString(offset + 4), rs.getString(offset + 5), rs.getString(offset + 6),
				rs.getString(offset + 7), rs.getObject(offset + 8, UUID.class), rs.getString(offset + 9),
				rs.getString(offset + 10), details == null ? Map.of() : JSON.readValue(details, DETAILS));
	}

	/** The condition and parameters of a filtered query, optionally of one study. */
	private record Where(String sql, Map<String, Object> params) {

		static Where of(UUID study, LogFilter filter) {
			StringBuilder sql = new StringBuilder(" where true");
			Map<String, Object> params = new LinkedHashMap<>();
			if (study != null) {
				sql.append(" and study_id = :study");
				params.put("study", study);
			}
			if (filter.action() != null) {
				sql.append(" and action = :action");
				params.put("action", filter.action());
			}
			if (filter.kind() != null) {
				sql.append("ACCESSES".equals(filter.kind()) ? " and action = any(:accesses)"
						: " and not (action = any(:accesses))");
				params.put("accesses", LogFilter.ACCESSES.toArray(String[]::new));
			}
			if (filter.actor() != null) {
				sql.append(" and (lower(actor_name) like :actor escape '\\' or actor_id = :actorExact)");
				params.put("actor", "%" + filter.actor().toLowerCase().replaceAll("([\\\\%_])", "\\\\$1") + "%");
				params.put("actorExact", filter.actor());
			}
			if (filter.channel() != null) {
				sql.append(" and channel = :channel");
				params.put("channel", filter.channel());
			}
			if (filter.outcome() != null) {
				sql.append(" and outcome = :outcome");
				params.put("outcome", filter.outcome());
			}
			if (filter.from() != null) {
				sql.append(" and at >= :from");
				params.put("from", Timestamp.from(filter.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
			}
			if (filter.to() != null) {
				sql.append(" and at < :to");
				params.put("to", Timestamp.from(filter.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
			}
			return new Where(sql.toString(), params);
		}

		/**
		 * The administration entries (the partial index's literal condition), of the
		 * given departments only unless {@code departments} is null, and about one user
		 * or group when a subject is named.
		 */
		static Where administration(LogFilter filter, Set<String> departments, String subject) {
			Where where = of(null, filter);
			StringBuilder sql = new StringBuilder(where.sql())
				.append(" and details ->> 'category' = '" + AdministrationEvent.CATEGORY + "'");
			Map<String, Object> params = new LinkedHashMap<>(where.params());
			if (departments != null) {
				sql.append(" and details ->> 'department' = any(:departments)");
				params.put("departments", departments.toArray(new String[0]));
			}
			if (subject != null) {
				sql.append(" and (details ->> 'userId' = :subject or details ->> 'groupId' = :subject)");
				params.put("subject", subject);
			}
			return new Where(sql.toString(), params);
		}

	}

	LogPage page(UUID study, LogFilter filter, String after, int limit) {
		return page(Where.of(study, filter), after, limit);
	}

	/** A page of the administration log; see {@link Where#administration}. */
	LogPage administration(LogFilter filter, Set<String> departments, String subject, String after, int limit) {
		return page(Where.administration(filter, departments, subject), after, limit);
	}

	private LogPage page(Where where, String after, int limit) {
		String sql = "select " + COLUMNS + " from audit.entry" + where.sql();
		Map<String, Object> params = new LinkedHashMap<>(where.params());
		if (after != null && !after.isBlank()) {
			long[] cursor = decode(after);
			sql += " and (at, id) < (:cursorAt, :cursorId)";
			params.put("cursorAt", Timestamp.from(Instant.EPOCH.plus(cursor[0], ChronoUnit.MICROS)));
			params.put("cursorId", cursor[1]);
		}
		sql += " order by at desc, id desc limit :limit";
		params.put("limit", limit + 1);
		List<AuditEntry> rows = jdbc.sql(sql).params(params).query((rs, n) -> entry(rs, 1)).list();
		boolean more = rows.size() > limit;
		List<AuditEntry> items = more ? rows.subList(0, limit) : rows;
		return new LogPage(items, more ? encode(items.get(items.size() - 1)) : null);
	}

	/**
	 * Every matching entry, newest first, at most {@code max}, one at a time (for
	 * exports).
	 */
	void each(UUID study, LogFilter filter, int max, Consumer<AuditEntry> consumer) {
		Where where = Where.of(study, filter);
		Map<String, Object> params = new LinkedHashMap<>(where.params());
		params.put("limit", max);
		streaming
			.sql("select " + COLUMNS + " from audit.entry" + where.sql() + " order by at desc, id desc limit :limit")
			.params(params)
			.query(rs -> {
				consumer.accept(entry(rs, 1));
			});
	}

	/** Entries per UTC day over the filter's dates. */
	List<DayCount> perDay(UUID study, LogFilter filter) {
		Where where = Where.of(study, filter);
		return jdbc
			.sql("select (at at time zone 'UTC')::date as day, count(*) from audit.entry" + where.sql()
					+ " group by day order by day")
			.params(where.params())
			.query((rs, n) -> new DayCount(rs.getObject(1, LocalDate.class), rs.getLong(2)))
			.list();
	}

	/**
	 * Successful accesses of the given studies by anybody but patients with their own
	 * code.
	 */
	List<AuditEntry> accessesOf(List<UUID> studies, List<String> actions) {
		if (studies.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + """
				 from audit.entry
				where study_id = any(:studies) and outcome = 'SUCCESS' and action = any(:actions)
				  and actor_kind in ('USER', 'SHARE_CODE')
				order by at desc, id desc limit 1000
				""")
			.param("studies", studies.toArray(new UUID[0]))
			.param("actions", actions.toArray(new String[0]))
			.query((rs, n) -> entry(rs, 1))
			.list();
	}

	/**
	 * Up to {@code limit} links after {@code seq} in chain order with their entries; an
	 * entry of an archived month is gone (decision 045) and comes back as {@code null}.
	 */
	List<ChainedEntry> chainedAfter(long seq, int limit) {
		return jdbc.sql("select l.seq, l.entry_at, e." + COLUMNS.replace(", ", ", e.") + """
				 from audit.link l left join audit.entry e on e.id = l.entry_id and e.at = l.entry_at
				where l.seq > :seq order by l.seq limit :limit
				""")
			.param("seq", seq)
			.param("limit", limit)
			.query((rs, n) -> new ChainedEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(),
					rs.getObject(3) == null ? null : entry(rs, 3)))
			.list();
	}

	/** The last link's sequence number and its entry's time; 0 and null when none. */
	ChainedEntry chainHead() {
		return jdbc.sql("select seq, entry_at from audit.link order by seq desc limit 1")
			.query((rs, n) -> new ChainedEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), null))
			.optional()
			.orElse(new ChainedEntry(0, null, null));
	}

	/** The time of the entry linked at {@code seq}, if that link exists. */
	Optional<Instant> linkedAt(long seq) {
		return jdbc.sql("select entry_at from audit.link where seq = :seq")
			.param("seq", seq)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	private static String encode(AuditEntry last) {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.at());
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((micros + "." + last.id()).getBytes(StandardCharsets.US_ASCII));
	}

	private static long[] decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.");
			if (parts.length != 2) {
				throw new IllegalArgumentException();
			}
			return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("after", "is not a cursor of this list");
		}
	}

}
