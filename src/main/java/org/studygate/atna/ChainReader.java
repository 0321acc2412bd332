package org.studygate.atna;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.audit.ChainedEntry;

/**
 * The entries of the next batch, read from the chain on a thread of its own while the
 * batch before is built (decision 083): after a full batch, the batch after it is read at
 * once. The read is only a guess: it is used when the next read starts where it did and
 * it is a full batch (the chain only grows at its end, so a full batch read earlier is
 * the same batch now); otherwise the chain is read again.
 */
final class ChainReader implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChainReader.class);

	private final LongFunction<List<ChainedEntry>> read;

	private final int batch;

	private final ExecutorService thread;

	private long nextFrom = -1;

	private Future<List<ChainedEntry>> next;

	ChainReader(LongFunction<List<ChainedEntry>> read, int batch) {
		this.read = read;
		this.batch = batch;
		this.thread = Executors.newSingleThreadExecutor(runnable -> {
			Thread named = new Thread(runnable, "atna-read");
			named.setDaemon(true);
			return named;
		});
	}

	/** The entries after {@code from}, at most a batch, in chain order. */
	synchronized List<ChainedEntry> after(long from) {
		List<ChainedEntry> entries = next != null && nextFrom == from ? awaited(next) : null;
		if (next != null && entries == null) {
			next.cancel(false);
		}
		next = null;
		if (entries == null || entries.size() < batch) {
			entries = read.apply(from);
		}
		if (entries.size() == batch && !thread.isShutdown()) {
			long last = entries.get(entries.size() - 1).seq();
			nextFrom = last;
			next = thread.submit(() -> read.apply(last));
		}
		return entries;
	}

	private static List<ChainedEntry> awaited(Future<List<ChainedEntry>> read) {
		try {
			return read.get();
		}
		catch (ExecutionException ex) {
			log.debug("The ATNA export's read of the next batch failed; it is read again", ex.getCause());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	@Override
	public synchronized void close() {
		thread.shutdownNow();
		next = null;
	}

}
