package org.studygate.atna;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One batch over several connections to the repository at once (decision 074): the batch
 * is cut into consecutive slices, one per connection, each connection's slice in chain
 * order; the batch counts as delivered only when every connection has written and flushed
 * its slice with the connection still open. When one fails, the whole batch fails: the
 * cursor stays and the next attempt sends the batch again, so the slices that did arrive
 * arrive twice, with the same {@code sequenceId}. A batch smaller than {@code minSlice}
 * per connection uses fewer connections (the first ones).
 */
final class ParallelSender implements SyslogSender {

	private final List<SyslogSender> connections;

	private final int minSlice;

	private final ExecutorService threads;

	ParallelSender(int connections, int minSlice, Supplier<SyslogSender> connection) {
		if (connections < 2) {
			throw new IllegalArgumentException("a parallel sender needs two connections or more");
		}
		List<SyslogSender> all = new ArrayList<>(connections);
		for (int i = 0; i < connections; i++) {
			all.add(connection.get());
		}
		this.connections = List.copyOf(all);
		this.minSlice = Math.max(1, minSlice);
		this.threads = Executors.newFixedThreadPool(connections - 1, runnable -> {
			Thread named = new Thread(runnable, "atna-connection");
			named.setDaemon(true);
			return named;
		});
	}

	@Override
	public void send(List<byte[]> messages) throws IOException {
		int slices = Math.max(1, Math.min(connections.size(), messages.size() / minSlice));
		if (slices == 1) {
			connections.get(0).send(messages);
			return;
		}
		List<Future<?>> others = new ArrayList<>(slices - 1);
		for (int i = 1; i < slices; i++) {
			SyslogSender sender = connections.get(i);
			List<byte[]> slice = slice(messages, i, slices);
			others.add(threads.submit(() -> {
				sender.send(slice);
				return null;
			}));
		}
		IOException failed = null;
		try {
			connections.get(0).send(slice(messages, 0, slices));
		}
		catch (IOException ex) {
			failed = ex;
		}
		for (Future<?> other : others) {
			failed = awaited(other, failed);
		}
		if (failed != null) {
			throw failed;
		}
	}

	/** Waits for one connection's slice; the first failure is the batch's. */
	private static IOException awaited(Future<?> other, IOException failed) throws IOException {
		try {
			other.get();
			return failed;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			IOException io = cause instanceof IOException direct ? direct
					: cause instanceof UncheckedIOException unchecked ? unchecked.getCause()
							: new IOException("a connection of the export failed", cause);
			return failed == null ? io : failed;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			other.cancel(true);
			throw new IOException("interrupted while the batch was sent", ex);
		}
	}

	/** The {@code index}th of {@code slices} consecutive parts of nearly equal size. */
	static List<byte[]> slice(List<byte[]> messages, int index, int slices) {
		int size = messages.size();
		return messages.subList((int) ((long) size * index / slices), (int) ((long) size * (index + 1) / slices));
	}

	int connections() {
		return connections.size();
	}

	@Override
	public void close() {
		threads.shutdownNow();
		connections.forEach(SyslogSender::close);
	}

}
