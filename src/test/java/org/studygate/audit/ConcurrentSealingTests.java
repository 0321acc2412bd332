package org.studygate.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.studygate.StudygateTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrent writers and a sealer working at the same time chain every entry exactly
 * once, and the chain verifies (each link against its predecessor, so a gap would show).
 */
@StudygateTest
class ConcurrentSealingTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	AuditSealer sealer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	record Written(Instant occurredAt, AuditActor actor, String action, AuditOutcome outcome, UUID studyId,
			Map<String, String> details) implements AuditableEvent {

	}

	@Test
	void concurrentWritersAndTheSealerChainEveryEntryOnce() throws Exception {
		Instant day = Instant.parse("2091-06-01T00:00:00Z");
		UUID study = UUID.randomUUID();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		AtomicBoolean writing = new AtomicBoolean(true);
		List<Future<?>> writers = new ArrayList<>();
		for (int w = 0; w < 3; w++) {
			writers.add(pool.submit(() -> {
				for (int t = 0; t < 30; t++) {
					new TransactionTemplate(transactions).executeWithoutResult(status -> {
						for (int i = 0; i < 40; i++) {
							events.publishEvent(new Written(day.plusMillis(i), new AuditActor("SYSTEM", null, "w"),
									"STUDY_OPENED", AuditOutcome.SUCCESS, study, Map.of()));
						}
					});
				}
			}));
		}
		Future<?> sealing = pool.submit(() -> {
			while (writing.get()) {
				sealer.sealAll();
			}
		});
		for (Future<?> writer : writers) {
			writer.get();
		}
		writing.set(false);
		sealing.get();
		pool.shutdown();
		long sealed = await("every entry chained").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> {
				sealer.sealAll();
				return jdbc.sql(
						"select count(*) from audit.link l join audit.entry e on e.id = l.entry_id where e.study_id = :s")
					.param("s", study)
					.query(Long.class)
					.single();
			}, count -> count >= 3 * 30 * 40);
		long linkedTwice = jdbc
			.sql("select count(*) from (select entry_id from audit.link group by entry_id having count(*) > 1) x")
			.query(Long.class)
			.single();
		assertThat(sealed).as("every entry chained").isEqualTo(3 * 30 * 40);
		assertThat(linkedTwice).isZero();
		assertThat(trail.verify(day, day.plusSeconds(86_400)).intact()).isTrue();
	}

	/**
	 * A transaction that took its id before others and commits after them, while the
	 * sealer looks behind its head in between (decision 077: each look-back starts where
	 * the last complete one left off): its entry is still chained, once, before theirs.
	 */
	@Test
	void aTransactionRunningAcrossLookBacksIsChainedOnceInItsOrder() throws Exception {
		Instant day = Instant.parse("2092-01-01T00:00:00Z")
			.plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
		UUID study = UUID.randomUUID();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		Future<?> late = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
			jdbc.sql("select pg_current_xact_id()::text").query(String.class).single();
			events.publishEvent(new Written(day, new AuditActor("SYSTEM", null, "late"), "STUDY_OPENED",
					AuditOutcome.SUCCESS, study, Map.of()));
			started.countDown();
			try {
				release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		try {
			assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
			for (int i = 1; i <= 3; i++) {
				int n = i;
				new TransactionTemplate(transactions).executeWithoutResult(status -> events
					.publishEvent(new Written(day.plusSeconds(n), new AuditActor("SYSTEM", null, "early"),
							"STUDY_OPENED", AuditOutcome.SUCCESS, study, Map.of())));
				sealer.sealAll();
			}
		}
		finally {
			release.countDown();
			late.get(60, TimeUnit.SECONDS);
			pool.shutdown();
		}
		await("the day's entries chained").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> {
				sealer.sealAll();
				return jdbc.sql(
						"select count(*) from audit.link l join audit.entry e on e.id = l.entry_id where e.study_id = :s")
					.param("s", study)
					.query(Long.class)
					.single();
			}, count -> count >= 4);
		List<String> names = jdbc.sql("""
				select e.actor_name from audit.link l join audit.entry e on e.id = l.entry_id
				where e.study_id = :s order by l.seq
				""").param("s", study).query(String.class).list();
		assertThat(names).containsExactly("late", "early", "early", "early");
		assertThat(trail.verify(day, day.plusSeconds(86_400)).intact()).isTrue();
	}

}
