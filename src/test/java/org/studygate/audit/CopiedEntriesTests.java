package org.studygate.audit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.studygate.StudygateTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The entries of a transaction go in by one binary COPY (decisions 068, 082): every
 * character comes back as it was written, the chain over them verifies, and a COPY that
 * fails fails the commit, so the access does not commit without its entries.
 */
@StudygateTest
class CopiedEntriesTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	AuditStore store;

	@Autowired
	AuditSealer sealer;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	record Copied(Instant occurredAt, AuditActor actor, String action, AuditOutcome outcome, UUID studyId,
			Map<String, String> details) implements AuditableEvent {

	}

	/** Texts COPY's text format must escape, and some it must leave alone. */
	static final List<String> AWKWARD = List.of("tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N",
			"\\x41", "quote \" and 'apostrophe'", "Ŀuç Ñoël 😀", "{\"json\": [1]}", "");

	@Test
	void entriesCopiedInOneTransactionComeBackAsWrittenAndTheirChainVerifies() {
		Instant at = Instant.parse("2093-02-03T10:00:00.123456Z");
		UUID study = UUID.randomUUID();
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			for (int i = 0; i < AWKWARD.size(); i++) {
				String text = AWKWARD.get(i);
				events.publishEvent(
						new Copied(at.plusMillis(i), new AuditActor("USER", text.isEmpty() ? null : text, "Dr " + text),
								"STUDY_OPENED", AuditOutcome.SUCCESS, study, Map.of("value", text, text, "key")));
			}
		});

		List<AuditEntry> stored = trail.studyLog(study, LogFilter.none(), null, 100)
			.items()
			.stream()
			.sorted(Comparator.comparing(AuditEntry::at))
			.toList();
		assertThat(stored).hasSize(AWKWARD.size());
		for (int i = 0; i < AWKWARD.size(); i++) {
			String text = AWKWARD.get(i);
			AuditEntry entry = stored.get(i);
			assertThat(entry.at()).isEqualTo(at.plusMillis(i));
			assertThat(entry.actorId()).isEqualTo(text.isEmpty() ? null : text);
			assertThat(entry.actorName()).isEqualTo("Dr " + text);
			assertThat(entry.details()).containsEntry("value", text).containsEntry(text, "key");
			assertThat(jdbc.sql("select entry_hash from audit.entry where id = :id")
				.param("id", entry.id())
				.query(byte[].class)
				.single()).as("hash of %s", text).isEqualTo(EntryHash.of(entry));
		}
		sealer.sealAll();
		sealer.sealStragglers();
		ChainReport report = trail.verify(at, at.plusSeconds(60));
		assertThat(report.linksChecked()).isEqualTo(AWKWARD.size());
		assertThat(report.intact()).isTrue();
	}

	@Test
	void timesBeforeAndAfterTheDatabaseEpochAndMissingValuesComeBackAsWritten() {
		// binary COPY sends a time as microseconds since 2000-01-01 (decision 082): one
		// before it, one on it, one after; no study, client or channel
		List<Instant> times = List.of(Instant.parse("1999-12-31T23:59:59.999999Z"),
				Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2093-02-05T10:00:00.000001Z"));
		String action = "COPIED_" + UUID.randomUUID().toString().substring(0, 8);
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			for (Instant at : times) {
				events.publishEvent(new Copied(at, new AuditActor("SYSTEM", null, ""), action, AuditOutcome.SUCCESS,
						null, Map.of()));
			}
		});

		List<AuditEntry> stored = jdbc
			.sql("select " + AuditStore.COLUMNS + " from audit.entry where action = :a" + " order by at")
			.param("a", action)
			.query((rs, n) -> AuditStore.entry(rs, 1))
			.list();
		assertThat(stored).extracting(AuditEntry::at).containsExactlyElementsOf(times);
		for (AuditEntry entry : stored) {
			assertThat(entry.studyId()).isNull();
			assertThat(entry.channel()).isNull();
			assertThat(entry.clientIp()).isNull();
			assertThat(entry.actorName()).isEmpty();
			assertThat(entry.details()).isEmpty();
			assertThat(jdbc.sql("select entry_hash from audit.entry where id = :id and at = :at")
				.param("id", entry.id())
				.param("at", java.sql.Timestamp.from(entry.at()))
				.query(byte[].class)
				.single()).isEqualTo(EntryHash.of(entry));
		}
	}

	@Test
	void aCopyThatFailsFailsTheCommitAndTakesTheAccessWithIt() {
		UUID study = UUID.randomUUID();
		AuditActor nobody = new AuditActor("NOT_A_KIND", null, "Intruder");
		assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
			// the access itself, written in the transaction before its entries
			store.insert(AuditWriter
				.entryOf(new Copied(Instant.parse("2093-02-04T10:00:00Z"), new AuditActor("SYSTEM", null, "access"),
						"STUDY_REGISTERED", AuditOutcome.SUCCESS, study, Map.of())));
			events.publishEvent(new Copied(Instant.parse("2093-02-04T10:00:01Z"),
					new AuditActor("USER", "u", "Dr Fine"), "STUDY_OPENED", AuditOutcome.SUCCESS, study, Map.of()));
			events.publishEvent(new Copied(Instant.parse("2093-02-04T10:00:02Z"), nobody, "STUDY_OPENED",
					AuditOutcome.SUCCESS, study, Map.of()));
		})).isInstanceOf(RuntimeException.class);

		assertThat(jdbc.sql("select count(*) from audit.entry where study_id = :s")
			.param("s", study)
			.query(Long.class)
			.single()).as("neither the access nor any entry committed").isZero();
	}

}
