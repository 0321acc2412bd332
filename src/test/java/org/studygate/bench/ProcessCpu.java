package org.studygate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time used so far, in nanoseconds, by the processes a benchmark measures: this JVM,
 * the embedded PostgreSQL (its server, found by the {@code postmaster.pid} of its data
 * directory, with its backends), processes this JVM started and, within this JVM, the
 * threads of a load driver that runs in it. CPU time, unlike a rate, hardly depends on
 * what else the machine runs. A process that cannot be seen counts 0. The splits by role
 * ({@link #postgresByRole}, {@link #jvmThreads}, {@link #nativeThreads}) read Linux's
 * {@code /proc}, whose times are in clock ticks (10 ms).
 */
final class ProcessCpu {

	private ProcessCpu() {
	}

	static long jvm() {
		return cpu(ProcessHandle.current());
	}

	/** The server of the database in {@code postgres} and its backends. */
	static long postgres(Path postgres) {
		try {
			long pid = Long.parseLong(Files.readAllLines(postgres.resolve("postmaster.pid")).get(0).trim());
			Optional<ProcessHandle> server = ProcessHandle.of(pid);
			return server.map(s -> cpu(s) + s.descendants().mapToLong(ProcessCpu::cpu).sum()).orElse(0L);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** The processes this JVM started whose command ends with {@code command}. */
	static long started(String command) {
		return ProcessHandle.current()
			.descendants()
			.filter(process -> process.info().command().orElse("").endsWith(command))
			.mapToLong(ProcessCpu::cpu)
			.sum();
	}

	/**
	 * The live threads of this JVM whose name {@code named} accepts (a driver's own
	 * threads, so that the application's share is {@link #jvm()} less theirs). A thread
	 * that has ended no longer counts: read it while the threads run.
	 */
	static long threads(Predicate<String> named) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long sum = 0;
		for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && named.test(info.getThreadName())) {
				sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return sum;
	}

	/**
	 * The threads of this JVM that are not Java threads, whose name (as the kernel knows
	 * it, at most 15 characters) starts with one of {@code prefixes}: the JIT compiler's
	 * ({@code "C2 CompilerThre"}, {@code "C1 CompilerThre"}) or the garbage collector's
	 * ({@code "GC Thread#"}, {@code "G1 "}). Read from {@code /proc/self/task}; 0 where
	 * it cannot be read.
	 */
	static long nativeThreads(String... prefixes) {
		long sum = 0;
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String comm = Files.readString(task.resolve("comm")).strip();
					if (Arrays.stream(prefixes).anyMatch(comm::startsWith)) {
						sum += ticks(task)[0];
					}
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			return 0;
		}
		return sum;
	}

	/**
	 * The threads of this JVM among {@code threads} (a thread that has ended counts 0, so
	 * read before the threads end).
	 */
	static long threads(Collection<Thread> threads) {
		ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		return threads.stream().mapToLong(thread -> Math.max(0, bean.getThreadCpuTime(thread.getId()))).sum();

	}

	/** The live threads of this JVM whose name starts with {@code prefix}. */
	static long threads(String prefix) {
		return threads((Predicate<String>) name -> name.startsWith(prefix));
	}

	/**
	 * The elapsed time this JVM's just-in-time compilers have spent compiling so far, an
	 * upper bound of their CPU time (on a loaded machine they also wait for a core); a
	 * fresh JVM spends much of its CPU there.
	 */
	static long compilation() {
		return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() * 1_000_000;
	}

	/** The calling thread. */
	static long currentThread() {
		return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
	}

	private static long cpu(ProcessHandle process) {
		return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	/**
	 * The embedded PostgreSQL's CPU time by role: {@code backends} (client connections),
	 * {@code autovacuum} (launcher and the workers still running), {@code background}
	 * (checkpointer, WAL writer, background writer, …), {@code server} (the postmaster)
	 * and {@code exited} (children the server has reaped, such as autovacuum workers that
	 * finished: their time is in the server's {@code cutime}, which {@link #postgres}
	 * does not count).
	 */
	static Map<String, Long> postgresByRole(Path postgres) {
		Map<String, Long> roles = new TreeMap<>();
		try {
			long pid = Long.parseLong(Files.readAllLines(postgres.resolve("postmaster.pid")).get(0).trim());
			long[] server = ticks(Path.of("/proc", Long.toString(pid)));
			roles.put("server", server[0]);
			roles.put("exited", server[1]);
			ProcessHandle.of(pid).ifPresent(s -> s.children().forEach(child -> {
				Path proc = Path.of("/proc", Long.toString(child.pid()));
				roles.merge(postgresRole(proc), ticks(proc)[0], Long::sum);
			}));
		}
		catch (IOException | RuntimeException ex) {
			// not visible: nothing counted
		}
		return roles;
	}

	/**
	 * This JVM's CPU time by thread, grouped by the thread's name with its digits
	 * replaced ({@code pool-2-thread-7} counts as {@code pool-N-thread-N}): the compiler,
	 * the collector and the application's threads apart. Threads that have ended are
	 * missing; {@link #jvm} minus the sum is their time.
	 */
	static Map<String, Long> jvmThreads() {
		Map<String, Long> groups = new TreeMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			tasks.forEach(task -> {
				try {
					String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N");
					groups.merge(name, ticks(task)[0], Long::sum);
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended meanwhile
				}
			});
		}
		catch (IOException ex) {
			// not Linux: no split
		}
		return groups;
	}

	private static String postgresRole(Path proc) {
		try {
			String command = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
			if (command.contains("autovacuum")) {
				return "autovacuum";
			}
			if (command.contains("checkpointer") || command.contains("writer") || command.contains("logical")
					|| command.contains("stats") || command.contains("archiver") || command.contains("launcher")) {
				return "background";
			}
			return "backends";
		}
		catch (IOException ex) {
			return "backends";
		}
	}

	/**
	 * A process's (or thread's) own CPU time and that of its reaped children, in ns, from
	 * its {@code stat}: fields 14–15 and 16–17 after the command's closing parenthesis.
	 */
	private static long[] ticks(Path proc) {
		try {
			String stat = Files.readString(proc.resolve("stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			long children = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
			return new long[] { own * NANOS_PER_TICK, children * NANOS_PER_TICK };
		}
		catch (IOException | RuntimeException ex) {
			return new long[2];
		}
	}

	/** Linux's USER_HZ, 100 on every common build. */
	private static final long NANOS_PER_TICK = 10_000_000L;

}
