package org.studygate.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The CPU time per request of each process a load driver measures when it runs in the
 * application's JVM: the application (the JVM less the driver), its embedded PostgreSQL,
 * and the driver (its client threads, its HTTP client's threads). Read through
 * {@link ProcessCpu}.
 */
final class RequestCpu {

	private static final String HTTP_THREADS = "bench-http-";

	private final Path postgres;

	private final LongAdder clients = new LongAdder();

	/** CPU time at one moment, in nanoseconds. */
	record Reading(long jvm, long postgres, long driver, long compilation) {

	}

	/**
	 * CPU per request in milliseconds; {@code compilation} is the compilers' elapsed time
	 * per request, an upper bound of their part of the application's CPU.
	 */
	record PerRequest(double application, double postgres, double driver, double compilation) {

		@Override
		public String toString() {
			return String.format("%.2f / %.2f / %.2f (compilers' elapsed time %.2f)", application, postgres, driver,
					compilation);
		}

	}

	RequestCpu(Path postgres) {
		this.postgres = postgres;
	}

	/** The executor of the driver's HTTP client: its threads count as the driver's. */
	static Executor httpExecutor() {
		AtomicInteger number = new AtomicInteger();
		return Executors.newFixedThreadPool(2, task -> {
			Thread thread = new Thread(task, HTTP_THREADS + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Runs one client's loop on the calling thread and counts its CPU as the driver's.
	 */
	<T> T client(Callable<T> loop) throws Exception {
		long start = ProcessCpu.currentThread();
		try {
			return loop.call();
		}
		finally {
			this.clients.add(ProcessCpu.currentThread() - start);
		}
	}

	Reading read() {
		long driver = this.clients.sum() + ProcessCpu.threads(HTTP_THREADS) + ProcessCpu.threads("HttpClient-");
		return new Reading(ProcessCpu.jvm(), ProcessCpu.postgres(this.postgres), driver, ProcessCpu.compilation());
	}

	static PerRequest perRequest(Reading from, Reading to, int requests) {
		double driver = (to.driver() - from.driver()) / 1e6 / requests;
		double jvm = (to.jvm() - from.jvm()) / 1e6 / requests;
		return new PerRequest(jvm - driver, (to.postgres() - from.postgres()) / 1e6 / requests, driver,
				(to.compilation() - from.compilation()) / 1e6 / requests);
	}

}
