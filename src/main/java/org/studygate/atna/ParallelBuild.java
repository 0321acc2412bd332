package org.studygate.atna;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Builds a batch's messages on several threads at once (decision 083): the list is cut
 * into consecutive parts, the first built on the calling thread, the others on threads of
 * their own; the result keeps the list's order. A list shorter than twice {@code minPart}
 * is built on the calling thread alone.
 */
final class ParallelBuild implements AutoCloseable {

	private final int parts;

	private final int minPart;

	private final ExecutorService threads;

	ParallelBuild(int parts, int minPart) {
		this.parts = Math.max(1, parts);
		this.minPart = Math.max(1, minPart);
		this.threads = this.parts == 1 ? null : Executors.newFixedThreadPool(this.parts - 1, runnable -> {
			Thread named = new Thread(runnable, "atna-build");
			named.setDaemon(true);
			return named;
		});
	}

	/** {@code build} applied to each item, in the items' order. */
	<T> List<byte[]> build(List<T> items, Function<T, byte[]> build) {
		int cut = threads == null ? 1 : Math.max(1, Math.min(parts, items.size() / minPart));
		byte[][] out = new byte[items.size()][];
		List<Future<?>> others = new ArrayList<>(cut - 1);
		for (int i = 1; i < cut; i++) {
			int from = items.size() * i / cut;
			int to = items.size() * (i + 1) / cut;
			others.add(threads.submit(() -> fill(items, from, to, build, out)));
		}
		fill(items, 0, items.size() / cut, build, out);
		for (Future<?> other : others) {
			awaited(other);
		}
		return Arrays.asList(out);
	}

	private static <T> void fill(List<T> items, int from, int to, Function<T, byte[]> build, byte[][] out) {
		for (int i = from; i < to; i++) {
			out[i] = build.apply(items.get(i));
		}
	}

	private static void awaited(Future<?> other) {
		try {
			other.get();
		}
		catch (ExecutionException ex) {
			throw ex.getCause() instanceof RuntimeException runtime ? runtime
					: new IllegalStateException("a part of the batch was not built", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			other.cancel(true);
			throw new IllegalStateException("interrupted while the batch was built", ex);
		}
	}

	@Override
	public void close() {
		if (threads != null) {
			threads.shutdownNow();
		}
	}

}
