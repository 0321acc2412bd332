package org.studygate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server of this JVM, shared by every application context in it
 * (the test run's too) and stopped when the last one closes its pool
 * (docs/decisions/002-postgresql-embedded-default.md). What makes it survive crashes
 * (docs/decisions/043-crash-safe-embedded-database.md): the data directory's lock, the
 * stop of an orphan server left by a dead application, a watchdog that starts the server
 * again when its process dies, and a shutdown hook for a JVM that ends without closing
 * its contexts.
 */
final class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	/** The role the application works as on the embedded server. */
	static final String APP_ROLE = "studygate_app";

	/** The major version of the embedded server's binaries. */
	static final String MAJOR_VERSION = "15";

	private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

	private static final Duration SHUTDOWN_HOOK_WAIT = Duration.ofSeconds(45);

	private static EmbeddedPostgres server;

	private static Path directory;

	private static long postmasterPid;

	private static int users;

	private static boolean cleaned;

	private static ScheduledExecutorService watchdog;

	private static boolean hooked;

	private EmbeddedDatabase() {
	}

	/**
	 * Starts the server for the first application context of the JVM; later contexts
	 * share it. A clean start wipes the data directory once per JVM.
	 */
	static synchronized void acquire(Path dataDir, boolean clean) {
		if (server == null) {
			DataDirectoryLock.acquire(dataDir);
			Path postgres = dataDir.resolve("postgres");
			try {
				Files.createDirectories(postgres);
				// before a clean start too, which would wipe the directory under it
				OrphanServer.stopIfRunning(postgres);
				if (!(clean && !cleaned)) {
					requireMajorVersion(postgres);
				}
				start(postgres, clean && !cleaned, 0);
				cleaned = true;
				createApplicationRole();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("The embedded PostgreSQL could not start in " + postgres, ex);
			}
			catch (RuntimeException ex) {
				stop();
				throw ex;
			}
			startWatchdog();
			addShutdownHook();
		}
		users++;
	}

	/**
	 * Stops the server when the last context using it has closed its pool, so that
	 * nothing still needs the database while it stops.
	 */
	static synchronized void release() {
		users--;
		if (users == 0) {
			stop();
		}
	}

	static synchronized DataSource ownerDataSource() {
		return server.getPostgresDatabase();
	}

	static synchronized DataSource appDataSource() {
		// multi-row INSERTs for JDBC batches (the access log's entries of a transaction
		// go in one batch)
		return server.getDatabase(APP_ROLE, "postgres", Map.of("reWriteBatchedInserts", "true"));
	}

	private static void start(Path postgres, boolean clean, int port) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(postgres)
			.setCleanDataDirectory(clean)
			.setRegisterShutdownHook(false)
			.setPGStartupWait(STARTUP_WAIT)
			.setServerConfig("max_connections", "200")
			.setServerConfig("shared_buffers", "256MB")
			// the library's default is off: a commit reported to the application must be
			// on disk (decision 043)
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("fsync", System.getProperty("studygate.db.fsync", "on"));
		if (port > 0) {
			builder.setPort(port);
		}
		server = builder.start();
		directory = postgres;
		postmasterPid = PostmasterFile.read(postgres).map(PostmasterFile::pid).orElse(0L);
		log.info("Embedded PostgreSQL started on port {} (process {}) with data in {}", server.getPort(), postmasterPid,
				postgres.toAbsolutePath());
	}

	private static void stop() {
		if (server == null) {
			return;
		}
		try {
			server.close();
		}
		catch (IOException ex) {
			log.warn("The embedded PostgreSQL did not stop cleanly: {}", ex.getMessage());
		}
		server = null;
	}

	/**
	 * Every two seconds: if the server's process has died, start it again on the same
	 * data directory and port, so that the pools reconnect to it; PostgreSQL recovers
	 * every committed transaction from its write-ahead log. If it cannot start, the
	 * application exits with what to do.
	 */
	private static void startWatchdog() {
		if (watchdog != null) {
			return;
		}
		watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "embedded-postgres-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		watchdog.scheduleWithFixedDelay(EmbeddedDatabase::watch, 2, 2, TimeUnit.SECONDS);
	}

	private static void watch() {
		if (!restartIfDead()) {
			// outside the lock: the exit's hooks close the contexts, which release the
			// server
			System.exit(1);
		}
	}

	/**
	 * Starts the server again if its process has died; false if that failed, and the
	 * application must stop.
	 */
	static synchronized boolean restartIfDead() {
		if (server == null || postmasterPid == 0 || PostmasterFile.running(postmasterPid)
				|| !OrphanServer.readyToStart(directory)) {
			return true;
		}
		int port = server.getPort();
		log.error("The embedded PostgreSQL (process {}) has stopped; starting it again in {} on port {}", postmasterPid,
				directory.toAbsolutePath(), port);
		try {
			// releases the library's own lock; its stop of the dead server finds nothing
			server.close();
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Closing the dead embedded PostgreSQL: {}", ex.toString());
		}
		try {
			start(directory, false, port);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			log.error("The embedded PostgreSQL could not start again in {} ({}); Studygate stops. Start it again"
					+ " (bin/run): the next start stops what is left of the server and recovers every committed"
					+ " transaction.", directory.toAbsolutePath(), ex.toString());
			server = null;
			return false;
		}
	}

	/**
	 * A JVM that ends without closing its application contexts (SIGTERM and Ctrl-C close
	 * them through Spring's own hook) still stops the server. The hook first waits for
	 * the contexts to close the server themselves: stopping it under a closing
	 * application made every exit wait for a connection (decision 002).
	 */
	private static void addShutdownHook() {
		if (hooked) {
			return;
		}
		hooked = true;
		Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stopAtExit, "embedded-postgres-stop"));
	}

	private static void stopAtExit() {
		long deadline = System.nanoTime() + SHUTDOWN_HOOK_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			synchronized (EmbeddedDatabase.class) {
				if (server == null) {
					return;
				}
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		synchronized (EmbeddedDatabase.class) {
			if (server != null) {
				log.info("Stopping the embedded PostgreSQL at exit");
				stop();
			}
		}
	}

	/**
	 * Creates the application's role on the embedded server if it does not exist yet. It
	 * logs in without a password: the embedded server listens on localhost only and
	 * trusts local connections.
	 */
	private static void createApplicationRole() {
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + APP_ROLE
					+ "') then create role " + APP_ROLE + " login nosuperuser nocreatedb nocreaterole; end if; end $$");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The application role could not be created on the embedded PostgreSQL", ex);
		}
	}

	/**
	 * Refuses a data directory made by another major version of PostgreSQL, which the
	 * server could not open, with what to do about it.
	 */
	private static void requireMajorVersion(Path directory) throws IOException {
		Path version = directory.resolve("PG_VERSION");
		if (Files.exists(version)) {
			String found = Files.readString(version).strip();
			if (!found.equals(MAJOR_VERSION)) {
				throw new IllegalStateException("The embedded database in " + directory.toAbsolutePath()
						+ " was made by PostgreSQL " + found + "; this version of Studygate runs PostgreSQL "
						+ MAJOR_VERSION + ". Move that directory away (or set STUDYGATE_DATA_DIR to another"
						+ " directory) to start with a new embedded database, or back it up and restore it into this"
						+ " version (docs/operations.md).");
			}
		}
	}

}
