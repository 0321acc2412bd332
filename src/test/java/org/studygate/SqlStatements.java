package org.studygate;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the SQL statements that the PostgreSQL JDBC driver sends on some threads, from
 * its own protocol trace (each statement is one {@code Execute} or {@code SimpleQuery}
 * message, the pool's empty alive check left out), while open. For tests and load drivers
 * that check how many statements one request runs
 * (docs/decisions/069-access-tab-in-a-fixed-number-of-queries.md); it needs no change of
 * the application's data source, so the shared test context stays as it is.
 */
public final class SqlStatements implements AutoCloseable {

	private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

	private final AtomicLong count = new AtomicLong();

	private final Level previous;

	private final Handler handler;

	private SqlStatements(Predicate<Thread> threads) {
		this.previous = DRIVER.getLevel();
		this.handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				String message = record.getMessage();
				if (message != null && (message.contains("FE=> Execute(") || message.contains("FE=> SimpleQuery("))
						&& !aliveCheck(message, record) && threads.test(Thread.currentThread())) {
					count.incrementAndGet();
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		this.handler.setLevel(Level.FINEST);
		DRIVER.addHandler(this.handler);
		DRIVER.setLevel(Level.FINEST);
	}

	/**
	 * The connection pool's check that a connection idle for a while is alive: an empty
	 * query, which the application did not send.
	 */
	private static boolean aliveCheck(String message, LogRecord record) {
		Object[] parameters = record.getParameters();
		return message.contains("FE=> SimpleQuery(") && parameters != null && parameters.length > 0
				&& "".equals(String.valueOf(parameters[0]));
	}

	/** Counts the statements sent on the calling thread. */
	public static SqlStatements onThisThread() {
		Thread me = Thread.currentThread();
		return new SqlStatements(thread -> thread == me);
	}

	/** Counts the statements sent on the threads whose name starts with the prefix. */
	public static SqlStatements onThreadsNamed(String prefix) {
		return new SqlStatements(thread -> thread.getName().startsWith(prefix));
	}

	/** The statements counted so far. */
	public long count() {
		return count.get();
	}

	/** Starts counting again from zero. */
	public void reset() {
		count.set(0);
	}

	@Override
	public void close() {
		DRIVER.removeHandler(handler);
		DRIVER.setLevel(previous);
	}

}
