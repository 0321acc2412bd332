package org.studygate.atna;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateApplication;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditChain;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The configured export (cursor {@value AtnaExporter#CURSOR}) of a running application
 * against a plain TCP listener in the test: an application stopped while it exports and
 * started again on the same database resumes at its cursor, and a repository unreachable
 * for a while gets everything once it is back. Each test starts its own application
 * contexts on the shared test database with the export on; the cursor is first moved to
 * the chain's head so that only what follows is exported, and every link after it must
 * arrive (other tests' entries too), none missing.
 */
class AtnaExportRestartTests {

	static final int BATCH = 10;

	/** An access as any module would publish it. */
	record Accessed(Instant occurredAt, AuditActor actor, String action, AuditOutcome outcome, UUID studyId,
			Map<String, String> details) implements AuditableEvent {

	}

	static ConfigurableApplicationContext application(SyslogListener listener) {
		return new SpringApplicationBuilder(StudygateApplication.class).profiles("test")
			.run("--server.port=0", "--studygate.atna.url=tcp://127.0.0.1:" + listener.port(),
					"--studygate.atna.batch=" + BATCH, "--studygate.atna.interval=PT0.2S",
					"--studygate.atna.max-backoff=PT1S", "--studygate.atna.connect-timeout=PT2S",
					"--studygate.atna.hostname=restart-test");
	}

	/** Moves the configured export's cursor to the chain's head; returns it. */
	static long cursorAtHead(ConfigurableApplicationContext context) {
		long head = context.getBean(AuditChain.class).head().seq();
		context.getBean(JdbcClient.class).sql("""
				insert into atna.export_cursor (name, last_seq) values (:name, :head)
				on conflict (name) do update set last_seq = :head, failures = 0
				""").param("name", AtnaExporter.CURSOR).param("head", head).update();
		return head;
	}

	/** Writes {@code count} entries of {@code user}, a hundred per transaction. */
	static void access(ConfigurableApplicationContext context, String user, int count) {
		TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		AuditActor actor = new AuditActor("USER", UUID.randomUUID().toString(), user);
		for (int done = 0; done < count; done += 100) {
			int batch = Math.min(100, count - done);
			tx.executeWithoutResult(status -> {
				for (int i = 0; i < batch; i++) {
					context.publishEvent(new Accessed(Instant.now(), actor, "STUDY_OPENED", AuditOutcome.SUCCESS,
							UUID.randomUUID(), Map.of()));
				}
			});
		}
	}

	/** The chain's head once every entry written so far is chained. */
	static long chained(ConfigurableApplicationContext context, long atLeast) {
		AuditChain chain = context.getBean(AuditChain.class);
		await().atMost(Duration.ofSeconds(120)).until(() -> chain.head().seq() >= atLeast);
		return chain.head().seq();
	}

	static long cursor(ConfigurableApplicationContext context) {
		return context.getBean(CursorStore.class).find(AtnaExporter.CURSOR).lastSeq();
	}

	/** Waits until the listener has read nothing new for half a second. */
	static void awaitQuiet(SyslogListener listener) {
		int[] last = { -1 };
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			int now = listener.received.size();
			boolean quiet = now == last[0];
			last[0] = now;
			return quiet;
		});
	}

	/** The chain positions after {@code from} up to {@code to} that did not arrive. */
	static Set<Long> missing(SyslogListener listener, long from, long to) {
		Set<Long> arrived = listener.received.stream()
			.map(SyslogMessage::sequenceId)
			.collect(Collectors.toCollection(TreeSet::new));
		return LongStream.rangeClosed(from + 1, to)
			.map(SyslogFrames::sequenceId)
			.filter(seq -> !arrived.contains(seq))
			.boxed()
			.collect(Collectors.toCollection(TreeSet::new));
	}

	@Test
	void anApplicationStoppedWhileExportingResumesAtItsCursorAfterARestart() throws Exception {
		String user = "Dr Restart " + Fixtures.unique();
		int entries = 3000;
		try (SyslogListener listener = SyslogListener.onFreePort()) {
			long start;
			long end;
			long stoppedAt;
			try (ConfigurableApplicationContext first = application(listener)) {
				start = cursorAtHead(first);
				access(first, user, entries);
				end = chained(first, start + entries);
				assertThat(cursor(first)).as("nothing is sent while the repository is not there").isEqualTo(start);
				listener.start();
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(5))
					.until(() -> cursor(first) > start);
			}
			// the first application is closed, its export stopped in a batch or between
			// two;
			// once the listener has read what reached it, the repository goes away for
			// the
			// restart, so that the cursor can be read before the export goes on
			awaitQuiet(listener);
			listener.stop();
			int beforeRestart = listener.received.size();
			try (ConfigurableApplicationContext second = application(listener)) {
				stoppedAt = cursor(second);
				assertThat(stoppedAt).as("stopped mid-way").isGreaterThan(start).isLessThan(end);
				assertThat(missing(listener, start, stoppedAt)).as("everything the cursor passed arrived").isEmpty();
				listener.start();
				await().atMost(Duration.ofSeconds(120)).until(() -> cursor(second) >= end);
				await().atMost(Duration.ofSeconds(30)).until(() -> missing(listener, start, end).isEmpty());
			}
			List<SyslogMessage> again = listener.received.subList(beforeRestart, listener.received.size());
			assertThat(again).as("the restarted export begins at its cursor")
				.extracting(SyslogMessage::sequenceId)
				.contains(SyslogFrames.sequenceId(stoppedAt + 1))
				.allSatisfy(seq -> assertThat(seq).isGreaterThan(SyslogFrames.sequenceId(stoppedAt)));
			List<SyslogMessage> mine = AtnaExportTests.of(listener.received, user);
			assertThat(mine.stream().map(SyslogMessage::sequenceId).distinct()).hasSize(entries);
			long distinct = listener.received.stream().map(SyslogMessage::sequenceId).distinct().count();
			assertThat(listener.received.size() - distinct).as("sent twice: at most the batch in flight")
				.isLessThanOrEqualTo(BATCH);
			assertThat(listener.errors).isEmpty();
		}
	}

	@Test
	void aRepositoryUnreachableForAWhileGetsEverythingOnceItIsBack() throws Exception {
		String user = "Dr Unreachable " + Fixtures.unique();
		try (SyslogListener listener = SyslogListener.onFreePort();
				ConfigurableApplicationContext context = application(listener)) {
			long start = cursorAtHead(context);
			access(context, user, 200);
			long end = chained(context, start + 200);
			AtnaExport export = context.getBean(AtnaExport.class);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> export.state(AtnaExporter.CURSOR).lastError() == ExportError.UNREACHABLE);
			ExportState down = export.state(AtnaExporter.CURSOR);
			assertThat(down.lastSeq()).as("the cursor waits").isEqualTo(start);
			assertThat(down.backlog()).isGreaterThanOrEqualTo(end - start);
			assertThat(down.failures()).isPositive();

			listener.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> missing(listener, start, end).isEmpty());
			// down again between batches, and back
			listener.stop();
			access(context, user, 150);
			long later = chained(context, end + 150);
			await().atMost(Duration.ofSeconds(30)).until(() -> export.state(AtnaExporter.CURSOR).failures() > 0);
			assertThat(cursor(context)).as("the cursor waits again").isLessThan(later);
			listener.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> missing(listener, start, later).isEmpty());
			await().atMost(Duration.ofSeconds(30)).until(() -> export.state(AtnaExporter.CURSOR).failures() == 0);
			assertThat(AtnaExportTests.of(listener.received, user)).hasSizeGreaterThanOrEqualTo(350);
			assertThat(listener.errors).isEmpty();
		}
	}

}
