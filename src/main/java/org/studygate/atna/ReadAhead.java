package org.studygate.atna;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The next batch of one export, read and built on a thread of its own while the current
 * one is sent (decision 071). It is only a guess: {@link #take} hands it out only when it
 * starts where the cursor is and holds entries; otherwise the step reads for itself. The
 * thread ends after a while without work.
 */
final class ReadAhead {

	private static final Logger log = LoggerFactory.getLogger(ReadAhead.class);

	private final ThreadPoolExecutor thread;

	private Future<Batch> next;

	ReadAhead() {
		this.thread = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
			Thread named = new Thread(runnable, "atna-read-ahead");
			named.setDaemon(true);
			return named;
		});
		this.thread.allowCoreThreadTimeOut(true);
	}

	/** Starts reading and building the batch after {@code from}. */
	synchronized void start(long from, LongFunction<Batch> prepare) {
		if (next == null && !thread.isShutdown()) {
			next = thread.submit(() -> prepare.apply(from));
		}
	}

	/**
	 * The batch read ahead, when it starts at {@code cursor} and holds entries; waits for
	 * it to be ready.
	 */
	synchronized Optional<Batch> take(long cursor) {
		Future<Batch> taken = next;
		next = null;
		if (taken == null) {
			return Optional.empty();
		}
		try {
			Batch batch = taken.get();
			return batch.from() == cursor && batch.entries() > 0 ? Optional.of(batch) : Optional.empty();
		}
		catch (ExecutionException ex) {
			log.debug("The ATNA export's read-ahead failed; the batch is read again", ex.getCause());
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	synchronized void close() {
		thread.shutdownNow();
		next = null;
	}

}
