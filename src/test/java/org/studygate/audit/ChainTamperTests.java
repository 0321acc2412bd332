package org.studygate.audit;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.studygate.StudygateTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tamper evidence: entries edited, deleted or reordered directly in the database (as its
 * owner, with triggers switched off as an attacker with those rights would) are caught by
 * verification, and the application's own role cannot change entries at all. Each test
 * works on entries of a day of its own, far in the future, and verifies that day only;
 * afterwards it puts the rows it tampered with back as they were, so that the chain the
 * other tests share (and back up, and verify whole) stays intact: a link deleted here may
 * precede an entry of today in the chain's order.
 */
@StudygateTest
class ChainTamperTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditSealer sealer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("ownerDataSource")
	DataSource owner;

	/** The owner's session that tampered, holding the rows as they were; or null. */
	private Connection tamperer;

	/** The entries of this test's day, in chain order. */
	private List<Long> ids = List.of();

	record Tested(Instant occurredAt, AuditActor actor, String action, AuditOutcome outcome, UUID studyId,
			Map<String, String> details) implements AuditableEvent {

	}

	/**
	 * Five entries on a day of this test's own, sealed; returns their ids in chain order.
	 */
	private List<Long> sealedEntries(Instant day) {
		UUID study = UUID.randomUUID();
		for (int i = 0; i < 5; i++) {
			events.publishEvent(new Tested(day.plusSeconds(60L * i), new AuditActor("USER", "u" + i, "Dr Chain " + i),
					"STUDY_OPENED", AuditOutcome.SUCCESS, study, Map.of("n", Integer.toString(i))));
		}
		awaitSealed(day);
		this.ids = jdbc.sql("select entry_id from audit.link where entry_at >= :from and entry_at < :to order by seq")
			.param("from", java.sql.Timestamp.from(day))
			.param("to", java.sql.Timestamp.from(day.plus(Duration.ofDays(1))))
			.query(Long.class)
			.list();
		return this.ids;
	}

	private void awaitSealed(Instant day) {
		await("entries of " + day + " sealed").atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> {
				sealer.sealAll();
				return jdbc.sql("""
						select count(*) from audit.entry e where e.at >= :from and e.at < :to
						and not exists (select 1 from audit.link l where l.entry_id = e.id)
						""")
					.param("from", java.sql.Timestamp.from(day))
					.param("to", java.sql.Timestamp.from(day.plus(Duration.ofDays(1))))
					.query(Long.class)
					.single() == 0;
			});
	}

	private static Instant aDay() {
		return Instant.parse("2090-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
	}

	private ChainReport verify(Instant day) {
		return trail.verify(day, day.plus(Duration.ofDays(1)));
	}

	/**
	 * Runs SQL as the owner with the append-only triggers switched off, as a tamperer
	 * would; the day's entries and links are kept as they were, for {@link #putBack()}.
	 */
	private void tamper(String... statements) {
		try {
			if (tamperer == null) {
				tamperer = owner.getConnection();
				try (Statement statement = tamperer.createStatement()) {
					statement.execute("set session_replication_role = replica");
					statement
						.execute("create temp table kept_entry as select * from audit.entry where id in " + days());
					statement
						.execute("create temp table kept_link as select * from audit.link where entry_id in " + days());
				}
			}
			try (Statement statement = tamperer.createStatement()) {
				for (String sql : statements) {
					statement.execute(sql);
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterEach
	void putBack() throws Exception {
		if (tamperer == null) {
			return;
		}
		try (Connection connection = tamperer; Statement statement = connection.createStatement()) {
			statement.execute("delete from audit.link where entry_id in " + days());
			statement.execute("delete from audit.entry where id in " + days());
			statement.execute("insert into audit.entry overriding system value select * from kept_entry");
			statement.execute("insert into audit.link select * from kept_link");
		}
		finally {
			tamperer = null;
		}
	}

	private String days() {
		return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ", "(", ")"));
	}

	@Test
	void anUntouchedChainVerifies() {
		Instant day = aDay();
		List<Long> ids = sealedEntries(day);

		ChainReport report = verify(day);

		assertThat(ids).hasSize(5);
		assertThat(report.intact()).isTrue();
		assertThat(report.linksChecked()).isEqualTo(5);
		assertThat(report.firstBroken()).isNull();
		assertThat(report.headHash()).hasSize(64);
	}

	@Test
	void catchesAnEditedEntry() {
		Instant day = aDay();
		List<Long> ids = sealedEntries(day);

		tamper("update audit.entry set actor_name = 'Somebody Else' where id = " + ids.get(2));

		ChainReport report = verify(day);
		assertThat(report.intact()).isFalse();
		assertThat(report.firstBroken().entryId()).isEqualTo(ids.get(2));
		assertThat(report.firstBroken().problem()).isEqualTo("ENTRY_ALTERED");
	}

	@Test
	void catchesAnEntryEditedTogetherWithItsHash() {
		Instant day = aDay();
		List<Long> ids = sealedEntries(day);

		tamper("update audit.entry set outcome = 'DENIED', entry_hash = sha256('forged'::bytea) where id = "
				+ ids.get(1));

		ChainReport report = verify(day);
		assertThat(report.firstBroken().entryId()).isEqualTo(ids.get(1));
	}

	@Test
	void catchesADeletedEntry() {
		Instant day = aDay();
		List<Long> ids = sealedEntries(day);

		tamper("delete from audit.entry where id = " + ids.get(3));

		ChainReport report = verify(day);
		assertThat(report.firstBroken().entryId()).isEqualTo(ids.get(3));
		assertThat(report.firstBroken().problem()).isEqualTo("ENTRY_MISSING");
	}

	@Test
	void catchesADeletedEntryWithItsLink() {
		Instant day = aDay();
		List<Long> ids = sealedEntries(day);

		tamper("delete from audit.entry where id = " + ids.get(3),
				"delete from audit.link where entry_id = " + ids.get(3));

		ChainReport report = verify(day);
		assertThat(report.firstBroken().entryId()).isEqualTo(ids.get(4));
		assertThat(report.firstBroken().problem()).isEqualTo("LINK_MISSING");
	}

	@Test
	void catchesReorderedEntries() {
		Instant day = aDay();
		List<Long> ids = sealedEntries(day);
		long a = ids.get(1);
		long b = ids.get(2);

		// swap the two rows' contents, hashes included, so that the log reads them in the
		// other order
		tamper("update audit.entry e set actor_id = o.actor_id, actor_name = o.actor_name, details = o.details, "
				+ "entry_hash = o.entry_hash from audit.entry o where (e.id, o.id) in ((" + a + ", " + b + "), (" + b
				+ ", " + a + "))");

		ChainReport report = verify(day);
		assertThat(report.intact()).isFalse();
		assertThat(report.firstBroken().entryId()).isEqualTo(a);
	}

	@Test
	void catchesEntriesWhoseTimesWereSwapped() {
		Instant day = aDay();
		List<Long> ids = sealedEntries(day);

		tamper("update audit.entry set at = at + interval '2 minutes' where id = " + ids.get(1));

		ChainReport report = verify(day);
		assertThat(report.firstBroken().entryId()).isEqualTo(ids.get(1));
	}

	@Test
	void reportsEntriesThatARunningTransactionKeepsFromBeingSealed() throws Exception {
		Instant day = Instant.parse("2001-01-01T00:00:00Z")
			.plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
		try (Connection blocker = owner.getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.execute("select pg_current_xact_id()");
			}
			events.publishEvent(new Tested(day, new AuditActor("SYSTEM", null, "late"), "STUDY_OPENED",
					AuditOutcome.SUCCESS, UUID.randomUUID(), Map.of()));
			sealer.sealAll();

			ChainReport blocked = verify(day);
			assertThat(blocked.intact()).isFalse();
			assertThat(blocked.unsealedOverdue()).isEqualTo(1);
			blocker.rollback();
		}

		awaitSealed(day);
		assertThat(verify(day).intact()).isTrue();
	}

	@Test
	void theApplicationsRoleCannotUpdateOrDeleteEntriesOrLinks() {
		Instant day = aDay();
		List<Long> ids = sealedEntries(day);

		assertThatThrownBy(() -> jdbc.sql("update audit.entry set actor_name = 'x' where id = :id")
			.param("id", ids.get(0))
			.update()).rootCause().hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("delete from audit.entry where id = :id").param("id", ids.get(0)).update())
			.rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(
				() -> jdbc.sql("delete from audit.link where entry_id = :id").param("id", ids.get(0)).update())
			.rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("truncate audit.link").update()).rootCause()
			.hasMessageContaining("permission denied");
		assertThat(verify(day).intact()).isTrue();
	}

	@Test
	void evenTheOwnerIsRefusedByTheAppendOnlyTriggers() throws Exception {
		Instant day = aDay();
		List<Long> ids = sealedEntries(day);

		try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
			assertThatThrownBy(
					() -> statement.execute("update audit.entry set actor_name = 'x' where id = " + ids.get(0)))
				.hasMessageContaining("append-only");
			assertThatThrownBy(() -> statement.execute("delete from audit.link where entry_id = " + ids.get(0)))
				.hasMessageContaining("append-only");
		}
		assertThat(verify(day).intact()).isTrue();
	}

	@Test
	void theApplicationsRoleStillWritesEveryOtherModulesTables() {
		String code = "D" + org.studygate.Fixtures.unique();
		jdbc.sql("insert into department.department (id, code, name, time_zone, created_at) "
				+ "values (gen_random_uuid(), :code, 'Roles', 'UTC', now())")
			.param("code", code)
			.update();
		int updated = jdbc.sql("update department.department set name = 'Roles 2' where code = :code")
			.param("code", code)
			.update();
		assertThat(updated).isEqualTo(1);
		assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("studygate_app");
	}

}
