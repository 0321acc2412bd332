package org.studygate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.util.FileSystemUtils;
import org.studygate.StudygateApplication;
import org.studygate.atna.Rsyslog;
import org.studygate.audit.AuditActor;
import org.studygate.department.NewDepartment;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Actor;
import org.studygate.explore.StudyOpened;
import org.studygate.study.Registrations;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ATNA export's rate against the access log's ingest rate (BENCHMARKS.md, "ATNA
 * export"). A real rsyslog on this machine receives over TLS with a client certificate
 * ({@code org.studygate.atna.Rsyslog}). Run 1: the application with the export off
 * ingests {@code bench.warmup} study views through the writer as the ingest driver does
 * ({@code bench.writers} writers, {@code bench.batch} per transaction), then the measured
 * {@code bench.entries}, each time until the chain has caught up. Run 2: the application
 * restarts on the same data with the export on; the export's cursor is sampled every 50
 * ms, and the measured rate is that of the measured entries, once the export has passed
 * the warm-up ones; the rate of the whole backlog from the first move is reported too.
 * Both sides are measured with their code compiled: until the JIT has compiled the JDK's
 * AES-GCM, the export's TLS runs some fifty times slower (decision 083). For each
 * measured part, the CPU time of this JVM, of its PostgreSQL and of rsyslogd per entry is
 * reported: what each side costs the machine, whatever else runs beside it. Run 3: with
 * the export caught up and running, the writers ingest as many entries again while the
 * export's lag behind the chain is sampled; an export that keeps up stays a few batches
 * behind and has sent everything soon after the chain has caught up. rsyslog's file is
 * counted.
 * <p>
 * {@code mvn -B -Pbench test-compile exec:exec@atna-export}; options (the pom's defaults)
 * {@code -Dbench.atnaEntries=400000 -Dbench.atnaWarmup=200000 -Dbench.writers=4
 * -Dbench.batch=100 -Dbench.atnaBatch=5000 -Dbench.atnaConnections=2
 * -Dbench.rsyslogForVolume=false} (true: rsyslog with a queue and buffered file writes,
 * {@link org.studygate.atna.Rsyslog#start(boolean)}).
 */
public final class AtnaExportBenchmark {

	/** The CPU per entry of the last {@link #write}: see {@link #perEntry}. */
	private static double[] cpu;

	private static Path dataDir;

	private AtnaExportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int writers = Integer.getInteger("bench.writers", 4);
		int entries = Integer.getInteger("bench.entries", 200_000);
		int batch = Integer.getInteger("bench.batch", 100);
		String atnaBatch = System.getProperty("bench.atnaBatch", "5000");
		// blank: the application's default (decision 074)
		String connections = System.getProperty("bench.atnaConnections", "");
		Path data = Path.of(System.getProperty("bench.dataDir", "target/bench-atna")).toAbsolutePath();
		dataDir = data;
		FileSystemUtils.deleteRecursively(data);
		int exit = 0;
		// entries written and exported before the measured ones, so that both sides are
		// measured with their code compiled (a running export is warm; a cold start is
		// reported on its own line)
		int warmup = Integer.getInteger("bench.warmup", entries / 4);
		boolean forVolume = Boolean.parseBoolean(System.getProperty("bench.rsyslogForVolume", "false"));
		try (Rsyslog rsyslog = Rsyslog.start(forVolume)) {
			double[] ingest = ingest(data, writers, warmup, entries, batch);
			double[] ingestCpu = cpu;
			double[] export = export(data, rsyslog, atnaBatch, connections, (long) ingest[2]);
			long lines = rsyslog.lineCount();
			String report = """
					| Measure | Value |
					|---|---:|
					| entries measured after a warm-up of %d (writers x batch) | %d (%d x %d) |
					| ingest, entries/s (all committed) | %.0f |
					| ingest until the chain caught up, entries/s | %.0f |
					| export over TLS to rsyslog of the measured entries, messages/s (batch %s) | %.0f |
					| export of the whole backlog from a cold start, messages/s | %.0f |
					| messages exported / lines in rsyslog's file | %.0f / %d |
					| connections / bytes per syslog message | %s / %.0f |
					| CPU per entry, ingest until chained: all (JVM + PostgreSQL + rsyslog), microseconds | %.1f (%.1f + %.1f + %.1f) |
					| CPU per message, export: all (JVM + PostgreSQL + rsyslog), microseconds | %.1f (%.1f + %.1f + %.1f) |
					| export / ingest (committed) | %.2f x |
					| export / ingest (chained) | %.2f x |
					| run 3, both at once: ingest until chained, entries/s, with the export running | %.0f |
					| run 3: the export's largest lag / its lag when the chain caught up, entries | %.0f / %.0f |
					| run 3: from the chain caught up to every entry sent, ms | %.0f |
					"""
				.formatted(warmup, entries, writers, batch, ingest[0], ingest[1], atnaBatch, export[0], export[3],
						export[1], lines, connections.isBlank() ? "default" : connections, export[2], ingestCpu[0],
						ingestCpu[1], ingestCpu[2], ingestCpu[3], export[4], export[5], export[6], export[7],
						export[0] / ingest[0], export[0] / ingest[1], export[8], export[9], export[10], export[11]);
			System.out.println(report);
			Path out = Path.of(System.getProperty("bench.out", "target/bench/atna-export.md"));
			Files.createDirectories(out.getParent());
			Files.writeString(out, report);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			exit = 1;
		}
		System.exit(exit);
	}

	private static ConfigurableApplicationContext app(Path data, int pool, String... more) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--studygate.data-dir=" + data,
				"--studygate.db.pool-size=" + pool, "--studygate.admin-password=Bench-admin-1",
				"--logging.level.org.studygate.request=WARN", "--studygate.audit.seal-interval=PT0.2S"));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(StudygateApplication.class).run(args.toArray(String[]::new));
	}

	/**
	 * Run 1: {entries/s committed, entries/s until chained, the chain's head before the
	 * measured entries}.
	 */
	private static double[] ingest(Path data, int writers, int warmup, int entries, int batch) throws Exception {
		try (ConfigurableApplicationContext context = app(data, writers + 4)) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			UUID study = study(context).value();
			AuditActor actor = new AuditActor("USER", UUID.randomUUID().toString(), "Dr Bench Marker");
			write(context, writers, warmup, batch, study, actor);
			long warm = count(jdbc, "select coalesce(max(seq), 0) from audit.link");
			double[] measured = write(context, writers, entries, batch, study, actor);
			return new double[] { measured[0], measured[1], warm };
		}
	}

	/**
	 * Writes {@code entries} study views and waits for the chain: {entries/s committed,
	 * entries/s until chained}.
	 */
	private static double[] write(ConfigurableApplicationContext context, int writers, int entries, int batch,
			UUID study, AuditActor actor) throws Exception {
		ApplicationEventPublisher events = context;
		TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		Clock clock = context.getBean(Clock.class);
		long target = count(jdbc, "select count(*) from audit.entry") + entries;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		int perWriter = entries / writers / batch;
		long start = System.nanoTime();
		long[] startCpu = cpuNanos();
		List<Future<?>> done = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			done.add(pool.submit(() -> {
				for (int t = 0; t < perWriter; t++) {
					tx.executeWithoutResult(status -> {
						for (int i = 0; i < batch; i++) {
							events.publishEvent(new StudyOpened(clock.instant(), actor, study, "SOURCE_ADMIN", "API"));
						}
					});
				}
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		double committed = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		while (count(jdbc, "select count(*) from audit.link") < target) {
			Thread.sleep(20);
		}
		double chained = (System.nanoTime() - start) / 1e9;
		long written = (long) perWriter * batch * writers;
		cpu = perEntry(startCpu, written);
		return new double[] { written / committed, written / chained };
	}

	/**
	 * Run 2: {messages/s after the cursor passed {@code warm}, messages, bytes per
	 * message, messages/s of the whole backlog}.
	 */
	private static double[] export(Path data, Rsyslog rsyslog, String atnaBatch, String connections, long warm)
			throws Exception {
		long startNanos = 0;
		long first = -1;
		long warmNanos = 0;
		long warmSeq = -1;
		long[] warmCpu = null;
		List<String> args = new ArrayList<>(List.of("--studygate.atna.url=" + rsyslog.url(),
				"--studygate.atna.batch=" + atnaBatch, "--studygate.atna.key-store=" + rsyslog.clientKeyStore(),
				"--studygate.atna.key-store-password=" + Rsyslog.PASSWORD,
				"--studygate.atna.trust-store=" + rsyslog.trustStore(),
				"--studygate.atna.trust-store-password=" + Rsyslog.PASSWORD));
		if (!connections.isBlank()) {
			args.add("--studygate.atna.connections=" + connections);
		}
		try (ConfigurableApplicationContext context = app(data, 8, args.toArray(String[]::new))) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			long head = count(jdbc, "select coalesce(max(seq), 0) from audit.link");
			long deadline = System.nanoTime() + 900_000_000_000L;
			while (System.nanoTime() < deadline) {
				long seq = count(jdbc,
						"select coalesce((select last_seq from atna.export_cursor where name = 'default'), 0)");
				if (first < 0 && seq > 0) {
					first = seq;
					startNanos = System.nanoTime();
				}
				if (warmSeq < 0 && seq >= warm) {
					warmSeq = seq;
					warmNanos = System.nanoTime();
					warmCpu = cpuNanos();
				}
				if (seq >= head) {
					break;
				}
				Thread.sleep(50);
			}
			long end = System.nanoTime();
			double[] cpu = perEntry(warmCpu, head - warmSeq);
			double seconds = (end - startNanos) / 1e9;
			double warmSeconds = (end - warmNanos) / 1e9;
			double[] keepUp = keepUp(context, jdbc);
			long sent = count(jdbc, "select sent from atna.export_cursor where name = 'default'");
			// the first sample already counts one batch: measured from there
			var bytes = context.getBean(MeterRegistry.class).find("studygate.atna.sent.bytes").functionCounter();
			return new double[] { (head - warmSeq) / warmSeconds, sent, bytes == null ? 0 : bytes.count() / sent,
					(head - first) / seconds, cpu[0], cpu[1], cpu[2], cpu[3], keepUp[0], keepUp[1], keepUp[2],
					keepUp[3] };
		}
	}

	/**
	 * Run 3, with the export caught up and running: the writers ingest
	 * {@code bench.atnaEntries} more while the export's lag (the chain's head minus the
	 * cursor) is sampled every 50 ms: {entries/s until chained, the largest lag, the lag
	 * when the chain caught up, milliseconds from then until the export had sent it all}.
	 */
	private static double[] keepUp(ConfigurableApplicationContext context, JdbcClient jdbc) throws Exception {
		String lag = "select coalesce(max(seq), 0) - coalesce((select last_seq from atna.export_cursor"
				+ " where name = 'default'), 0) from audit.link";
		long[] maxLag = { 0 };
		var sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleAtFixedRate(() -> maxLag[0] = Math.max(maxLag[0], count(jdbc, lag)), 0, 50,
				java.util.concurrent.TimeUnit.MILLISECONDS);
		AuditActor actor = new AuditActor("USER", UUID.randomUUID().toString(), "Dr Bench Marker");
		double[] rates = write(context, Integer.getInteger("bench.writers", 4), Integer.getInteger("bench.entries", 0),
				Integer.getInteger("bench.batch", 100), study(context).value(), actor);
		long chained = System.nanoTime();
		long atChained = count(jdbc, lag);
		while (count(jdbc, lag) > 0) {
			Thread.sleep(10);
		}
		double catchUp = (System.nanoTime() - chained) / 1e6;
		sampler.shutdownNow();
		return new double[] { rates[1], Math.max(maxLag[0], atChained), atChained, catchUp };
	}

	private static StudyId study(ConfigurableApplicationContext context) {
		var department = context.getBean(DepartmentSetup.class)
			.create(NewDepartment.of("BENCH" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(), "Bench",
					"Europe/Brussels"));
		return context.getBean(Registrations.class)
			.register(Actor.systemOperator("bench"),
					new StudyRegistration("1.2.826.0.1.9." + Math.abs(UUID.randomUUID().getMostSignificantBits()), "B1",
							department.code().value(), LocalDate.of(2026, 1, 1), null, "CT", "bench", 1, 1,
							new StudyRegistration.PatientData("PB1", "Bench^Patient", LocalDate.of(1970, 1, 1), "F",
									null, null, null),
							null))
			.id();
	}

	/** The CPU time so far of this JVM, of its PostgreSQL and of rsyslogd. */
	static long[] cpuNanos() {
		return new long[] { ProcessCpu.jvm(), ProcessCpu.postgres(dataDir.resolve("postgres")),
				ProcessCpu.started("rsyslogd") };
	}

	/**
	 * Microseconds per entry of the CPU spent since {@code from}: total, JVM, PostgreSQL,
	 * rsyslog.
	 */
	static double[] perEntry(long[] from, long entries) {
		long[] to = cpuNanos();
		double[] micros = new double[4];
		for (int i = 0; i < 3; i++) {
			micros[i + 1] = (to[i] - from[i]) / 1e3 / Math.max(1, entries);
			micros[0] += micros[i + 1];
		}
		return micros;
	}

	private static long count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
