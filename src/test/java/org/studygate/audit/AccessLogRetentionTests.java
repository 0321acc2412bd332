package org.studygate.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Retention of the access log (docs/decisions/045-access-log-retention.md): entries
 * written long ago (their clock set back past the retention) are archived month by month
 * to a file whose hashes match the record, their partition is detached, and verification
 * stays intact and names the archived range. Months not due or not fully chained stay
 * online, and the application's role cannot drop a recent month itself. Each test uses
 * months of its own, long past.
 */
@StudygateTest
class AccessLogRetentionTests {

	static final Period RETENTION = Period.ofYears(2);

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	AuditRetention retention;

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditSealer sealer;

	@Autowired
	ArchiveFile files;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JsonMapper json;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	@Qualifier("ownerDataSource")
	DataSource owner;

	record Written(Instant occurredAt, AuditActor actor, String action, AuditOutcome outcome, UUID studyId,
			Map<String, String> details) implements AuditableEvent {

	}

	private static Instant start(YearMonth month) {
		return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** A partition for the month and some entries in it; returns nothing until sealed. */
	private void entriesIn(YearMonth month, int count, String name) {
		jdbc.sql("select audit.ensure_partitions(:month, 1)")
			.param("month", month.atDay(1))
			.query(Integer.class)
			.single();
		for (int i = 0; i < count; i++) {
			events.publishEvent(new Written(start(month).plus(Duration.ofHours(i + 1)),
					new AuditActor("USER", "u" + i, (i == 0 ? "=" : i == 1 ? "'" : "") + name + " " + i),
					"STUDY_OPENED", AuditOutcome.SUCCESS, UUID.randomUUID(),
					Map.of("n", Integer.toString(i), "note", i == 0 ? "=1+1" : "'quoted\" text")));
		}
	}

	private void awaitSealed(YearMonth month) {
		await("entries of " + month + " chained").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				sealer.sealAll();
				return jdbc.sql("""
						select count(*) from audit.entry e where e.at >= :from and e.at < :to
						   and not exists (select 1 from audit.link l where l.entry_id = e.id)
						""")
					.param("from", Timestamp.from(start(month)))
					.param("to", Timestamp.from(start(month.plusMonths(1))))
					.query(Long.class)
					.single() == 0;
			});
	}

	private boolean attached(YearMonth month) {
		return jdbc.sql("""
				select exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
				               where i.inhparent = 'audit.entry'::regclass and c.relname = :name)
				""").param("name", "entry_" + month.toString().replace('-', '_')).query(Boolean.class).single();
	}

	@Test
	void aMonthPastTheRetentionIsArchivedDetachedAndStillVerified() throws Exception {
		YearMonth month = YearMonth.of(2011, 3);
		YearMonth next = month.plusMonths(1);
		entriesIn(month, 5, "Dr Retention");
		awaitSealed(month);
		entriesIn(next, 1, "Dr Online");
		awaitSealed(next);
		assertThat(retention.dueMonths(RETENTION)).contains(month, next).doesNotContain(YearMonth.now(ZoneOffset.UTC));

		assertThat(retention.archive(month, RETENTION)).isEqualTo(AuditRetention.Outcome.ARCHIVED);

		assertThat(attached(month)).isFalse();
		assertThat(jdbc.sql("select to_regclass('audit.entry_2011_03') is null").query(Boolean.class).single())
			.as("the partition is dropped")
			.isTrue();
		assertThat(attached(next)).as("later months stay online").isTrue();
		ArchivedMonth archived = retention.archived()
			.stream()
			.filter(a -> a.month().equals(month))
			.findFirst()
			.orElseThrow();
		assertThat(archived.entries()).isEqualTo(5);
		Path file = files.directory().resolve(archived.fileName());
		assertThat(HexFormat.of().formatHex(ArchiveFile.digest(file))).isEqualTo(archived.fileSha256());
		String csv = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(csv).contains("Dr Retention 0", "Dr Retention 4", archived.firstLinkHash(), archived.lastLinkHash())
			.contains("\"'=Dr Retention 0\"", "\"''Dr Retention 1\"");
		String manifest = Files.readString(files.directory().resolve(ArchiveFile.manifest(archived.fileName())));
		assertThat(manifest).contains(archived.fileSha256(), archived.lastLinkHash(), "\"entries\" : 5");
		assertThat(files.verify(archived).intact()).isTrue();

		ChainReport archivedOnly = trail.verify(start(month), start(next));
		assertThat(archivedOnly.intact()).isTrue();
		assertThat(archivedOnly.linksChecked()).isZero();
		assertThat(archivedOnly.archivedLinks()).isEqualTo(5);
		assertThat(archivedOnly.archived()).extracting(ArchivedMonth::lastLinkHash)
			.containsExactly(archived.lastLinkHash());
		ChainReport everything = trail.verify(Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"));
		assertThat(everything.archived()).extracting(ArchivedMonth::month).contains(month);
		ChainReport both = trail.verify(start(month), start(next.plusMonths(1)));
		assertThat(both.intact()).isTrue();
		assertThat(both.linksChecked()).isEqualTo(1);
		assertThat(both.archivedLinks()).isEqualTo(5);
		assertThat(jdbc.sql(
				"select count(*) from audit.entry where action = 'ACCESS_LOG_ARCHIVED' and details ->> 'sha256' = :sha")
			.param("sha", archived.fileSha256())
			.query(Long.class)
			.single()).as("the archiving is itself an entry of the chain").isEqualTo(1);

		String answer = web.mvc()
			.perform(get("/api/v1/admin/audit/verify?from=2011-03-01&to=2011-03-31").header("Authorization",
					fixtures.bearer(fixtures.serviceDesk("Desk Retention"))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Map<?, ?> api = json.readValue(answer, Map.class);
		assertThat(api.get("intact")).isEqualTo(true);
		assertThat(api.get("archivedLinks")).isEqualTo(5);
		assertThat(answer).contains("\"lastLinkHash\":\"" + archived.lastLinkHash() + "\"",
				"\"fileSha256\":\"" + archived.fileSha256() + "\"");
	}

	@Test
	void withoutARetentionNothingIsArchivedWithOneEveryDueMonthIs() {
		YearMonth first = YearMonth.of(2010, 5);
		YearMonth second = YearMonth.of(2010, 7);
		entriesIn(first, 2, "Dr Daily");
		entriesIn(second, 2, "Dr Daily");
		awaitSealed(first);
		awaitSealed(second);

		retention.archiveScheduled();
		assertThat(attached(first)).as("no retention is configured: everything stays online").isTrue();

		List<YearMonth> archived = retention.archiveDue(Period.ofYears(10));
		assertThat(archived).contains(first, second);
		assertThat(archived.indexOf(first)).isLessThan(archived.indexOf(second));
		assertThat(archived).allMatch(month -> month.isBefore(YearMonth.now(ZoneOffset.UTC).minusYears(10)));
		assertThat(attached(first)).isFalse();
		assertThat(attached(second)).isFalse();
		assertThat(attached(YearMonth.now(ZoneOffset.UTC))).isTrue();
	}

	@Test
	void anArchiveFileChangedAfterwardsIsCaught() throws Exception {
		YearMonth month = YearMonth.of(2011, 9);
		entriesIn(month, 3, "Dr Forger");
		awaitSealed(month);
		assertThat(retention.archive(month, RETENTION)).isEqualTo(AuditRetention.Outcome.ARCHIVED);
		ArchivedMonth archived = retention.archived()
			.stream()
			.filter(a -> a.month().equals(month))
			.findFirst()
			.orElseThrow();
		Path file = files.directory().resolve(archived.fileName());
		byte[] original = Files.readAllBytes(file);
		try {
			Files.writeString(file, new String(original, StandardCharsets.UTF_8).replace("Dr Forger 1", "Dr Forger 7"));
			assertThat(files.verify(archived).problem()).isEqualTo("FILE_CHANGED");
			ArchivedMonth forgedRecord = new ArchivedMonth(month, archived.entries(), archived.firstSeq(),
					archived.firstLinkHash(), archived.lastSeq(), archived.lastLinkHash(), archived.fileName(),
					HexFormat.of().formatHex(ArchiveFile.digest(file)), archived.archivedAt());
			assertThat(files.verify(forgedRecord).problem()).startsWith("ENTRY_ALTERED");
		}
		finally {
			Files.write(file, original);
		}
		assertThat(files.verify(archived).intact()).isTrue();
	}

	@Test
	void aChangedLinkAtAnArchivedMonthsEndIsReported() throws Exception {
		YearMonth month = YearMonth.of(2012, 2);
		entriesIn(month, 2, "Dr Relinked");
		awaitSealed(month);
		assertThat(retention.archive(month, RETENTION)).isEqualTo(AuditRetention.Outcome.ARCHIVED);
		ArchivedMonth archived = retention.archived()
			.stream()
			.filter(a -> a.month().equals(month))
			.findFirst()
			.orElseThrow();
		String original = "\\x" + archived.lastLinkHash();
		// the sealer waits meanwhile: it would chain today's entries after the changed
		// link
		Connection sealerHeld = owner.getConnection();
		try (Statement lock = sealerHeld.createStatement()) {
			lock.execute("select pg_advisory_lock(" + AuditSealer.LOCK + ")");
		}
		asOwner("update audit.link set link_hash = '\\x" + "00".repeat(32) + "' where seq = " + archived.lastSeq());
		try {
			ChainReport report = trail.verify(start(month), start(month.plusMonths(1)));
			assertThat(report.intact()).isFalse();
			assertThat(report.firstBroken().problem()).isEqualTo("ARCHIVE_MISMATCH");
			assertThat(report.firstBroken().seq()).isEqualTo(archived.lastSeq());
			assertThat(files.verify(archived).problem()).startsWith("LINK_BROKEN");
		}
		finally {
			asOwner("update audit.link set link_hash = '" + original + "' where seq = " + archived.lastSeq());
			sealerHeld.close();
		}
		assertThat(trail.verify(start(month), start(month.plusMonths(1))).intact()).isTrue();
	}

	@Test
	void aRetentionShorterThanSixMonthsOrNotInWholeMonthsIsRefused() {
		for (Period wrong : List.of(Period.ofMonths(5), Period.ofDays(400), Period.of(1, 0, 2))) {
			assertThatThrownBy(() -> new AuditRetention(jdbc, transactions, files, events, Clock.systemUTC(), wrong))
				.as(wrong.toString())
				.hasMessageContaining("studygate.audit.retention must be whole months or years, at least P6M");
		}
	}

	private void asOwner(String sql) throws Exception {
		try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("set session_replication_role = replica");
			statement.execute(sql);
		}
	}

	@Test
	void monthsNotDueOrNotFullyChainedStayOnline() throws Exception {
		YearMonth current = YearMonth.now(ZoneOffset.UTC);
		assertThat(retention.archive(current, Period.ofMonths(6))).isEqualTo(AuditRetention.Outcome.NOT_DUE);
		assertThat(retention.archive(current.minusMonths(7), Period.ofYears(1)))
			.isEqualTo(AuditRetention.Outcome.NOT_DUE);
		assertThat(attached(current)).isTrue();

		YearMonth month = YearMonth.of(2011, 6);
		entriesIn(month, 1, "Dr Sealed");
		awaitSealed(month);
		try (Connection blocker = owner.getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.execute("select pg_current_xact_id()");
			}
			// written after a transaction still running began: not chained until it ends
			entriesIn(month, 1, "Dr Late");
			sealer.sealAll();
			assertThat(retention.archive(month, RETENTION)).isEqualTo(AuditRetention.Outcome.NOT_SEALED);
			assertThat(attached(month)).isTrue();
			blocker.rollback();
		}
		awaitSealed(month);
		assertThat(retention.archived()).extracting(ArchivedMonth::month).doesNotContain(month);
	}

	@Test
	void theApplicationRoleCannotDropARecentOrUnarchivedMonth() {
		YearMonth current = YearMonth.now(ZoneOffset.UTC);
		assertThatThrownBy(() -> drop(current, 1)).rootCause().hasMessageContaining("is not past the retention");
		assertThatThrownBy(() -> drop(current.minusMonths(3), 1)).as("the database's floor of six months")
			.rootCause()
			.hasMessageContaining("is not past the retention");
		YearMonth old = YearMonth.of(2011, 11);
		entriesIn(old, 1, "Dr Unarchived");
		awaitSealed(old);
		assertThatThrownBy(() -> drop(old, 24)).rootCause().hasMessageContaining("is not archived");
		assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
			jdbc.sql("""
					insert into audit.archived_month (month, entries, file_name, file_sha256)
					values (:month, 0, 'forged.csv', '\\x00')
					""").param("month", Date.valueOf(old.atDay(1))).update();
			drop(old, 24);
		})).rootCause().hasMessageContaining("does not match its partition");
		String partition = "audit.entry_" + current.toString().replace('-', '_');
		assertThatThrownBy(() -> jdbc.sql("alter table audit.entry detach partition " + partition).update()).rootCause()
			.hasMessageContaining("must be owner");
		assertThatThrownBy(() -> jdbc.sql("drop table " + partition).update()).rootCause()
			.hasMessageContaining("must be owner");
		assertThat(attached(current)).isTrue();
		assertThat(attached(old)).isTrue();
		assertThat(retention.archived()).extracting(ArchivedMonth::month).doesNotContain(old);
	}

	private void drop(YearMonth month, int months) {
		jdbc.sql("select audit.drop_archived_month(:month, :months)")
			.param("month", Date.valueOf(month.atDay(1)))
			.param("months", months)
			.query(Long.class)
			.single();
	}

}
