package org.studygate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.Optional;

/**
 * CPU time used so far, in nanoseconds, by the processes a benchmark measures: this JVM,
 * the embedded PostgreSQL (its server, found by the {@code postmaster.pid} of its data
 * directory, with its backends), processes this JVM started, and given threads of this
 * JVM (a load driver that runs in the application's JVM). CPU time, unlike a rate, hardly
 * depends on what else the machine runs. A process that cannot be seen counts 0.
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
	 * The threads of this JVM among {@code threads} (a thread that has ended counts 0, so
	 * read before the threads end).
	 */
	static long threads(Collection<Thread> threads) {
		ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		return threads.stream().mapToLong(thread -> Math.max(0, bean.getThreadCpuTime(thread.getId()))).sum();
	}

	/**
	 * This JVM's CPU time by thread name with its digits removed ({@code GC Thread#},
	 * {@code C2 CompilerThre}, {@code http-nio-auto--exec-}), from
	 * {@code /proc/self/task} in clock ticks of 10 ms; empty where there is no
	 * {@code /proc}. Threads that have ended are not counted.
	 */
	static Map<String, Long> jvmThreads() {
		Map<String, Long> byName = new TreeMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			tasks.forEach(task -> {
				try {
					String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]", "");
					String stat = Files.readString(task.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					byName.merge(name, ticks * 10_000_000L, Long::sum);
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended meanwhile
				}
			});
		}
		catch (IOException ex) {
			return Map.of();
		}
		return byName;
	}

	private static long cpu(ProcessHandle process) {
		return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

}
