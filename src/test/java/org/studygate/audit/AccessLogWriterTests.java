package org.studygate.audit;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

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
 * The writer: an entry per event, in the publisher's transaction, denials and failures
 * kept whatever happens.
 */
@StudygateTest
class AccessLogWriterTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	@Autowired
	HikariDataSource pool;

	/** An event as any module would publish it. */
	record SomethingHappened(Instant occurredAt, AuditActor actor, String action, AuditOutcome outcome, UUID studyId,
			Map<String, String> details) implements AuditableEvent {

	}

	static SomethingHappened event(UUID study, AuditOutcome outcome) {
		return new SomethingHappened(Instant.parse("2026-03-04T10:15:30.123456789Z"),
				new AuditActor("USER", UUID.randomUUID().toString(), "Dr Writer"), "STUDY_OPENED", outcome, study,
				Map.of("path", "SOURCE_ADMIN"));
	}

	private List<AuditEntry> entries(UUID study) {
		return trail.studyLog(study, LogFilter.none(), null, 100).items();
	}

	@Test
	void writesTheEntryInThePublishersTransactionSoItCommitsWithTheAccess() {
		UUID study = UUID.randomUUID();
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			events.publishEvent(event(study, AuditOutcome.SUCCESS));
			events.publishEvent(event(study, AuditOutcome.SUCCESS));
			assertThat(jdbc.sql("select count(*) from audit.entry where study_id = :s")
				.param("s", study)
				.query(Long.class)
				.single()).as("inserted just before the commit").isZero();
		});

		assertThat(entries(study)).hasSize(2).allSatisfy(entry -> {
			assertThat(entry.action()).isEqualTo("STUDY_OPENED");
			assertThat(entry.actorName()).isEqualTo("Dr Writer");
			assertThat(entry.at()).isEqualTo(Instant.parse("2026-03-04T10:15:30.123456Z"));
			assertThat(entry.details()).containsEntry("path", "SOURCE_ADMIN");
		});
	}

	@Test
	void anAccessThatRollsBackTakesItsEntryWithIt() {
		UUID study = UUID.randomUUID();
		assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
			events.publishEvent(event(study, AuditOutcome.SUCCESS));
			throw new IllegalStateException("the access failed after all");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(entries(study)).isEmpty();
	}

	@Test
	void withoutATransactionTheEntryCommitsOnItsOwn() {
		UUID study = UUID.randomUUID();

		events.publishEvent(event(study, AuditOutcome.SUCCESS));

		assertThat(entries(study)).hasSize(1);
	}

	@Test
	void aDenialSurvivesTheRollbackOfTheRequestThatCausedIt() {
		UUID study = UUID.randomUUID();
		assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
			events.publishEvent(event(study, AuditOutcome.DENIED));
			throw new IllegalStateException("403");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(entries(study)).singleElement().extracting(AuditEntry::outcome).isEqualTo("DENIED");
	}

	@Test
	void denialsAreWrittenEvenWhileRequestsHoldEveryPooledConnection() throws Exception {
		UUID study = UUID.randomUUID();
		List<Connection> held = new ArrayList<>();
		ExecutorService denier = Executors.newSingleThreadExecutor();
		try {
			for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
				Connection connection = pool.getConnection();
				connection.setAutoCommit(false);
				held.add(connection);
			}
			Future<?> denial = denier.submit(() -> events.publishEvent(event(study, AuditOutcome.DENIED)));

			// on the requests' own pool this would wait for a connection until the pool's
			// timeout and fail
			denial.get(10, TimeUnit.SECONDS);
		}
		finally {
			for (Connection connection : held) {
				connection.rollback();
				connection.close();
			}
			denier.shutdownNow();
		}

		assertThat(entries(study)).singleElement().extracting(AuditEntry::outcome).isEqualTo("DENIED");
	}

	@Test
	void anAccessInAReadOnlyTransactionIsWrittenAtOnce() {
		UUID study = UUID.randomUUID();
		TransactionTemplate readOnly = new TransactionTemplate(transactions);
		readOnly.setReadOnly(true);

		readOnly.executeWithoutResult(status -> events.publishEvent(event(study, AuditOutcome.SUCCESS)));

		assertThat(entries(study)).singleElement().extracting(AuditEntry::outcome).isEqualTo("SUCCESS");
	}

	@Test
	void aFailureSurvivesTheRollbackOfTheRequestThatCausedIt() {
		UUID study = UUID.randomUUID();
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			events.publishEvent(event(study, AuditOutcome.FAILURE));
			status.setRollbackOnly();
		});

		assertThat(entries(study)).singleElement().extracting(AuditEntry::outcome).isEqualTo("FAILURE");
	}

	/** A failure whose publisher commits it with its own writes (decision 075). */
	record FailureWithItsCount(Instant occurredAt, AuditActor actor, String action, AuditOutcome outcome,
			UUID studyId) implements AuditableEvent {

		@Override
		public boolean failureCommittedByPublisher() {
			return true;
		}

	}

	static FailureWithItsCount counted(UUID study) {
		return new FailureWithItsCount(Instant.parse("2026-03-04T10:15:30Z"), new AuditActor("ANONYMOUS", null, ""),
				"PATIENT_LOGIN", AuditOutcome.FAILURE, study);
	}

	@Test
	void aFailureCommittedByItsPublisherIsWrittenInItsTransactionAndGoesWithItsRollback() {
		UUID kept = UUID.randomUUID();
		UUID rolledBack = UUID.randomUUID();
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			events.publishEvent(counted(kept));
			assertThat(jdbc.sql("select count(*) from audit.entry where study_id = :s")
				.param("s", kept)
				.query(Long.class)
				.single()).as("inserted just before the commit, not on a connection of its own").isZero();
		});
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			events.publishEvent(counted(rolledBack));
			status.setRollbackOnly();
		});

		assertThat(entries(kept)).singleElement().extracting(AuditEntry::outcome).isEqualTo("FAILURE");
		assertThat(entries(rolledBack)).as("neither the failure's writes nor its entry are kept").isEmpty();
	}

	@Test
	void aFailureCommittedByItsPublisherWithoutATransactionIsStillWritten() {
		UUID study = UUID.randomUUID();

		events.publishEvent(counted(study));

		assertThat(entries(study)).singleElement().extracting(AuditEntry::action).isEqualTo("PATIENT_LOGIN");
	}

	@Test
	void actorsWithoutAUserRowAreFirstClass() {
		UUID study = UUID.randomUUID();
		for (String kind : List.of("ANONYMOUS", "PATIENT_CODE", "SHARE_CODE", "SYSTEM")) {
			events.publishEvent(new SomethingHappened(Instant.parse("2026-03-04T10:00:00Z"),
					new AuditActor(kind, kind.equals("ANONYMOUS") ? null : "code-" + kind, "name of " + kind),
					"STUDY_OPENED", AuditOutcome.SUCCESS, study, Map.of()));
		}

		assertThat(entries(study)).extracting(AuditEntry::actorKind)
			.containsExactlyInAnyOrder("ANONYMOUS", "PATIENT_CODE", "SHARE_CODE", "SYSTEM");
		assertThat(entries(study)).extracting(AuditEntry::actorName).contains("name of PATIENT_CODE");
	}

	@Test
	void takesTheChannelClientAndUserAgentFromTheRequestContext() {
		UUID study = UUID.randomUUID();
		try (AuditContext.Binding binding = AuditContext
			.bind(new AuditContext.Request("DICOMWEB", "192.0.2.7", "Viewer/1.0"))) {
			events.publishEvent(event(study, AuditOutcome.SUCCESS));
		}

		assertThat(entries(study)).singleElement().satisfies(entry -> {
			assertThat(entry.channel()).isEqualTo("DICOMWEB");
			assertThat(entry.clientIp()).isEqualTo("192.0.2.7");
			assertThat(entry.userAgent()).isEqualTo("Viewer/1.0");
		});
		assertThat(AuditContext.current()).isEmpty();
	}

}
