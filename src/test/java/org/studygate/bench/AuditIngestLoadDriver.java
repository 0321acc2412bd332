package org.studygate.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.studygate.StudygateApplication;
import org.studygate.audit.AuditActor;
import org.studygate.department.NewDepartment;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Actor;
import org.studygate.explore.Explore;
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
 * The access log under load (BENCHMARKS.md, "Access log"): (1) sustained ingest through
 * the application's writer (events published in transactions by concurrent writers, each
 * entry hashed and inserted, the sealer chaining in the background) until the chain has
 * caught up, beside a raw COPY of as many rows into the same table in the same run; (2)
 * what one entry adds to a study view: the median of a view that writes one more entry
 * minus the median of the plain view.
 * <p>
 * {@code mvn -B -Pbench test-compile exec:exec@audit-ingest}; options
 * {@code -Dbench.writers=4
 * -Dbench.entries=200000 -Dbench.batch=100 -Dbench.views=3000}.
 */
public final class AuditIngestLoadDriver {

	private AuditIngestLoadDriver() {
	}

	public static void main(String[] args) throws Exception {
		int writers = Integer.getInteger("bench.writers", 4);
		int entries = Integer.getInteger("bench.entries", 200_000);
		int batch = Integer.getInteger("bench.batch", 100);
		int views = Integer.getInteger("bench.views", 3000);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StudygateApplication.class).run(
				"--server.port=0", "--studygate.data-dir=" + System.getProperty("bench.dataDir", "target/bench-audit"),
				"--studygate.db.pool-size=" + (writers + 4), "--studygate.admin-password=Bench-admin-1",
				"--logging.level.org.studygate.request=WARN", "--studygate.audit.seal-interval=PT0.2S");
		int exit = 0;
		try {
			StringBuilder report = new StringBuilder();
			report.append("| Measure | Value |\n|---|---:|\n");
			ApplicationEventPublisher events = context;
			TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			Clock clock = context.getBean(Clock.class);
			Actor actor = Actor.systemOperator("bench");
			AuditActor auditActor = new AuditActor("USER", UUID.randomUUID().toString(), "Dr Bench Marker");
			UUID study = UUID.randomUUID();

			// (1) ingest through the writer, chained by the sealer; first, if asked, as
			// many entries again unmeasured, so that the measured ones run on a warm JVM
			Path postgres = Path.of(System.getProperty("bench.dataDir", "target/bench-audit"), "postgres");
			int warmup = Integer.getInteger("bench.warmup", 0);
			if (warmup > 0) {
				ingest(events, tx, jdbc, clock, auditActor, study, writers, warmup, batch);
			}
			// the driver's own part of the writers' work: building the events
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long buildStart = threads.getCurrentThreadCpuTime();
			long blackhole = 0;
			for (int i = 0; i < entries; i++) {
				blackhole += new StudyOpened(clock.instant(), auditActor, study, "SOURCE_ADMIN", "API").details()
					.size();
			}
			double buildMsPer1000 = (threads.getCurrentThreadCpuTime() - buildStart) / 1e6 * 1000 / entries;
			long[] cpuStart = cpu(postgres);
			Map<String, Long> pgStart = ProcessCpu.postgresByRole(postgres);
			Map<String, Long> jvmStart = ProcessCpu.jvmThreads();
			long jvmTotalStart = ProcessCpu.jvm();
			long start = System.nanoTime();
			double[] seconds = ingest(events, tx, jdbc, clock, auditActor, study, writers, entries, batch);
			long written = (long) (entries / writers / batch) * batch * writers;
			double ingestSeconds = seconds[0];
			double chainedSeconds = (System.nanoTime() - start) / 1e9;
			Map<String, Long> pgChained = ProcessCpu.postgresByRole(postgres);
			Map<String, Long> jvmChained = ProcessCpu.jvmThreads();
			WRITERS_DONE.get().forEach(jvmChained::putIfAbsent);
			long groups = jvmChained.entrySet()
				.stream()
				.mapToLong(group -> group.getValue() - jvmStart.getOrDefault(group.getKey(), 0L))
				.sum();
			// threads that ended in between (compiler threads come and go): the rest
			jvmChained.put("ended threads", ProcessCpu.jvm() - jvmTotalStart - groups);
			long[] cpuChained = cpu(postgres);
			jdbc.sql(
					"""
							select (select seq || ' ' || entry_xid || '/' || entry_id from audit.link order by seq desc limit 1),
							  (select min(xid)::text || '..' || max(xid)::text || ' ids ' || min(id) || '..' || max(id) || ' n ' || count(*)
							   from audit.entry e where not exists (select 1 from audit.link l where l.entry_id = e.id)),
							  pg_current_snapshot()::text
							""")
				.query(rs -> {
					System.out.println("DIAG head " + rs.getString(1) + " unsealed " + rs.getString(2) + " snapshot "
							+ rs.getString(3));
				});
			jdbc.sql(
					"""
							select a.seq, a.entry_xid::text, a.entry_id, b.entry_xid::text, b.entry_id from audit.link a
							join audit.link b on b.seq = a.seq + 1 where (b.entry_xid, b.entry_id) <= (a.entry_xid, a.entry_id) limit 10
							""")
				.query(rs -> {
					System.out.println("DIAG order " + rs.getLong(1) + " " + rs.getString(2) + "/" + rs.getLong(3)
							+ " -> " + rs.getString(4) + "/" + rs.getLong(5));
				});

			// the same number of rows by a raw COPY into the same table
			DataSource dataSource = context.getBean(DataSource.class);
			StringBuilder rows = new StringBuilder();
			String hash = "\\\\x" + "ab".repeat(32);
			for (long i = 0; i < written; i++) {
				rows.append("2026-11-01 10:00:00+00\tUSER\t")
					.append(auditActor.id())
					.append("\tDr Bench Marker\tAPI\tSTUDY_OPENED\tSUCCESS\t")
					.append(study)
					.append("\t127.0.0.1\tbench\t{\"path\": \"SOURCE_ADMIN\"}\t")
					.append(hash)
					.append('\n');
			}
			String copyText = rows.toString();
			long[] cpuCopyStart = cpu(postgres);
			long copyStart = System.nanoTime();
			try (Connection connection = dataSource.getConnection()) {
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("copy audit.entry (at, actor_kind, actor_id, actor_name, channel, action, outcome, study_id, client_ip, user_agent, details, entry_hash) from stdin",
							new StringReader(copyText));
			}
			double copySeconds = (System.nanoTime() - copyStart) / 1e9;
			long[] cpuCopy = cpu(postgres);
			// and again as binary rows, the writers' format (decision 082): a second
			// reference, after the text one (so into a table with as many rows more)
			byte[] binary = binaryRows(written, auditActor.id(), study);
			long[] cpuBinaryStart = cpu(postgres);
			long binaryStart = System.nanoTime();
			try (Connection connection = dataSource.getConnection()) {
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("copy audit.entry (at, actor_kind, actor_id, actor_name, channel, action, outcome, study_id, client_ip, user_agent, details, entry_hash) from stdin (format binary)",
							new ByteArrayInputStream(binary));
			}
			double binarySeconds = (System.nanoTime() - binaryStart) / 1e9;
			long[] cpuBinary = cpu(postgres);
			double ingestRate = written / ingestSeconds;
			double chainedRate = written / chainedSeconds;
			double copyRate = written / copySeconds;
			report.append(String.format("| writers x entries per transaction | %d x %d |%n", writers, batch));
			report.append(String.format("| entries written through the writer | %,d |%n", written));
			report.append(String.format("| ingest, entries/s (all committed) | %,.0f |%n", ingestRate));
			report.append(String.format("| ingest until the chain caught up, entries/s | %,.0f |%n", chainedRate));
			report.append(String.format("| raw COPY of as many rows, same table, rows/s | %,.0f |%n", copyRate));
			report.append(String.format("| chained ingest / COPY | %.0f %% |%n", 100 * chainedRate / copyRate));
			report.append(String.format(
					"| binary COPY of as many rows (after the text one), rows/s; chained / it | %,.0f; %.0f %% |%n",
					written / binarySeconds, 100 * chainedRate * binarySeconds / written));
			report.append(String.format("| … PostgreSQL CPU ms per 1,000 rows, binary COPY | %.1f |%n",
					(cpuBinary[0] - cpuBinaryStart[0]) * 1000.0 / written));
			report.append(String.format(
					"| CPU ms per 1,000 entries until chained: PostgreSQL + this JVM (COPY: PostgreSQL) | %.1f + %.1f (%.1f) |%n",
					(cpuChained[0] - cpuStart[0]) * 1000.0 / written, (cpuChained[1] - cpuStart[1]) * 1000.0 / written,
					(cpuCopy[0] - cpuCopyStart[0]) * 1000.0 / written));
			report.append(String.format("| … PostgreSQL by role, ms per 1,000 (ticks of 10 ms) | %s |%n",
					split(pgStart, pgChained, written, 0)));
			report.append(String.format("| … this JVM by thread, ms per 1,000 (over 0.2) | %s |%n",
					split(jvmStart, jvmChained, written, 0.2)));
			report.append(String.format(
					"| … of which the driver building its events (one thread, measured apart), ms per 1,000 | %.2f (%d) |%n",
					buildMsPer1000, blackhole % 10));
			report.append(String.format("| warm-up entries before the measured ones | %,d |%n", warmup));

			// (2) what one entry adds to a study view
			DepartmentSetup departments = context.getBean(DepartmentSetup.class);
			Registrations registrations = context.getBean(Registrations.class);
			Explore explore = context.getBean(Explore.class);
			var department = departments.create(NewDepartment
				.of("BENCH" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(), "Bench", "Europe/Brussels"));
			StudyId viewed = registrations
				.register(actor,
						new StudyRegistration("1.2.826.0.1.9." + Math.abs(UUID.randomUUID().getMostSignificantBits()),
								"B1", department.code().value(), LocalDate.of(2026, 1, 1), null, "CT", "bench", 1, 1,
								new StudyRegistration.PatientData("PB1", "Bench^Patient", LocalDate.of(1970, 1, 1), "F",
										null, null, null),
								null))
				.id();
			long[] plain = new long[views];
			long[] extra = new long[views];
			for (int round = 0; round < 2; round++) {
				for (int i = 0; i < views; i++) {
					long a = System.nanoTime();
					explore.open(actor, viewed, "API");
					plain[i] = System.nanoTime() - a;
					long b = System.nanoTime();
					tx.executeWithoutResult(status -> {
						explore.open(actor, viewed, "API");
						events.publishEvent(new StudyOpened(clock.instant(), actor.asAuditActor(), viewed.value(),
								"SERVICE_DESK", "API"));
					});
					extra[i] = System.nanoTime() - b;
				}
			}
			Arrays.sort(plain);
			Arrays.sort(extra);
			double plainMs = plain[views / 2] / 1e6;
			double extraMs = extra[views / 2] / 1e6;
			report.append(
					String.format("| study view (Explore.open, its entry included), median ms | %.3f |%n", plainMs));
			report.append(String.format("| the same view writing one more entry, median ms | %.3f |%n", extraMs));
			report.append(String.format("| added by one entry, ms | %.3f |%n", extraMs - plainMs));
			report.append(String.format("| view p95 / with one more entry p95, ms | %.3f / %.3f |%n",
					plain[views * 95 / 100] / 1e6, extra[views * 95 / 100] / 1e6));
			System.out.println(report);
			Path out = Path.of(System.getProperty("bench.out", "target/bench/audit-ingest.md"));
			Files.createDirectories(out.toAbsolutePath().getParent());
			Files.writeString(out, report.toString());
		}
		catch (Exception ex) {
			ex.printStackTrace();
			exit = 1;
		}
		finally {
			context.close();
		}
		System.exit(exit);
	}

	/**
	 * {@code entries} entries through the writer by {@code writers} concurrent writers,
	 * {@code batch} per transaction, then waits until the chain has caught up.
	 * @return the seconds until all were committed
	 */
	private static double[] ingest(ApplicationEventPublisher events, TransactionTemplate tx, JdbcClient jdbc,
			Clock clock, AuditActor auditActor, UUID study, int writers, int entries, int batch) throws Exception {
		long before = count(jdbc, "select count(*) from audit.entry");
		long linksBefore = count(jdbc, HEAD);
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		int perWriter = entries / writers / batch;
		long start = System.nanoTime();
		List<Future<?>> done = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			done.add(pool.submit(() -> {
				for (int t = 0; t < perWriter; t++) {
					tx.executeWithoutResult(status -> {
						for (int i = 0; i < batch; i++) {
							events.publishEvent(
									new StudyOpened(clock.instant(), auditActor, study, "SOURCE_ADMIN", "API"));
						}
					});
				}
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		// the writers' threads end with their pool: their time is read before
		WRITERS_DONE.set(ProcessCpu.jvmThreads());
		pool.shutdown();
		double ingestSeconds = (System.nanoTime() - start) / 1e9;
		long target = linksBefore + (count(jdbc, "select count(*) from audit.entry") - before);
		long deadline = System.nanoTime() + 120_000_000_000L;
		// the chain's head, read from the end of its primary key: the links are
		// numbered from 1 without gaps, so it is their count (a count(*) every 20 ms
		// would scan the whole link table while the sealer works, inside the measured
		// time)
		while (count(jdbc, HEAD) < target && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		return new double[] { ingestSeconds };
	}

	/** The CPU time each group used between two readings, in ms per 1,000 entries. */
	private static String split(Map<String, Long> start, Map<String, Long> end, long entries, double over) {
		StringBuilder text = new StringBuilder();
		double total = 0;
		for (Map.Entry<String, Long> group : end.entrySet()) {
			double ms = (group.getValue() - start.getOrDefault(group.getKey(), 0L)) / 1e6 * 1000 / entries;
			total += ms;
			if (ms > over) {
				text.append(text.isEmpty() ? "" : ", ").append(group.getKey()).append(String.format(" %.1f", ms));
			}
		}
		return text.append(String.format("; sum %.1f", total)).toString();
	}

	/** The text COPY's rows as binary COPY data (header, tuples, trailer). */
	private static byte[] binaryRows(long count, String actorId, UUID study) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		out.write(
				new byte[] { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0 });
		long at = (Instant.parse("2026-11-01T10:00:00Z").getEpochSecond() - 946_684_800L) * 1_000_000L;
		byte[] hash = new byte[32];
		Arrays.fill(hash, (byte) 0xab);
		byte[] json = "{\"path\": \"SOURCE_ADMIN\"}".getBytes(StandardCharsets.UTF_8);
		for (long i = 0; i < count; i++) {
			out.writeShort(12);
			out.writeInt(8);
			out.writeLong(at);
			for (String text : new String[] { "USER", actorId, "Dr Bench Marker", "API", "STUDY_OPENED", "SUCCESS" }) {
				byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
				out.writeInt(utf8.length);
				out.write(utf8);
			}
			out.writeInt(16);
			out.writeLong(study.getMostSignificantBits());
			out.writeLong(study.getLeastSignificantBits());
			for (String text : new String[] { "127.0.0.1", "bench" }) {
				out.writeInt(text.length());
				out.write(text.getBytes(StandardCharsets.UTF_8));
			}
			out.writeInt(json.length + 1);
			out.writeByte(1);
			out.write(json);
			out.writeInt(hash.length);
			out.write(hash);
		}
		out.writeShort(-1);
		return bytes.toByteArray();
	}

	/** CPU time used so far, in ms: by the embedded PostgreSQL and by this JVM. */
	private static long[] cpu(Path postgres) {
		return new long[] { ProcessCpu.postgres(postgres) / 1_000_000, ProcessCpu.jvm() / 1_000_000 };
	}

	private static final AtomicReference<Map<String, Long>> WRITERS_DONE = new AtomicReference<>(Map.of());

	private static final String HEAD = "select coalesce(max(seq), 0) from audit.link";

	private static long count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
