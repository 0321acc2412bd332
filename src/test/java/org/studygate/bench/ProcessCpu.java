package org.studygate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time used so far, in nanoseconds, by the processes a benchmark measures: this JVM,
 * the embedded PostgreSQL (its server, found by the {@code postmaster.pid} of its data
 * directory, with its backends), processes this JVM started, and threads of this JVM (a
 * load driver that runs in the application's JVM counts its own threads, so that the
 * application's share is the JVM's less the driver's). CPU time, unlike a rate, hardly
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

	/** The live threads of this JVM whose name starts with {@code prefix}. */
	static long threads(String prefix) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(thread -> thread.getName().startsWith(prefix))
			.mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.getId())))
			.sum();
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

}
