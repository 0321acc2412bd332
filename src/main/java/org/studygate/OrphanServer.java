package org.studygate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL server left running by an application that died without stopping
 * it (SIGKILL, a crash of the JVM): it still holds the data directory, and a new server
 * could not start there. Only called while this application holds the data directory's
 * lock, so no running application uses that server
 * (docs/decisions/043-crash-safe-embedded-database.md).
 */
final class OrphanServer {

	private static final Logger log = LoggerFactory.getLogger(OrphanServer.class);

	private static final long STOP_SECONDS = 60;

	private OrphanServer() {
	}

	/**
	 * Stops the server that {@code postmaster.pid} of {@code directory} names, if it is a
	 * running PostgreSQL on that directory, with PostgreSQL's fast shutdown. A file
	 * naming a process that is not such a server is removed; a file naming no process is
	 * left to PostgreSQL, which ignores it.
	 */
	static void stopIfRunning(Path directory) {
		Optional<PostmasterFile> file = PostmasterFile.read(directory);
		if (file.isEmpty()) {
			return;
		}
		PostmasterFile found = file.get();
		if (!found.isServerOn(directory)) {
			readyToStart(directory);
			return;
		}
		log.warn("Found the embedded PostgreSQL (process {}, port {}) still running in {}, left by an application"
				+ " that ended without stopping it; stopping it", found.pid(), found.port(), directory);
		stop(found);
		if (found.processRuns()) {
			throw new IllegalStateException("The PostgreSQL server (process " + found.pid() + ") left running in "
					+ directory + " did not stop within " + STOP_SECONDS + " seconds; stop it (kill " + found.pid()
					+ ") and start Studygate again.");
		}
		log.info("Stopped the orphan embedded PostgreSQL (process {}); starting the server as usual", found.pid());
	}

	/**
	 * Whether a server may start in {@code directory} after its server died: no process
	 * of the dead server still works there. Removes {@code postmaster.pid}, and the lock
	 * file of the server's Unix socket when it names the same process, when it names a
	 * process that exists but is not a running PostgreSQL on {@code directory} (a dead
	 * server not yet reaped, or a process id reused by another program): PostgreSQL would
	 * take it for a running server and refuse to start.
	 */
	static boolean readyToStart(Path directory) {
		Optional<PostmasterFile> file = PostmasterFile.read(directory);
		if (file.isEmpty()) {
			return true;
		}
		if (file.get().isServerOn(directory)) {
			return false;
		}
		if (file.get().serverProcessesRemain(directory)) {
			log.info("Processes of the stopped PostgreSQL server still work in {}; waiting for them to end", directory);
			return false;
		}
		if (ProcessHandle.of(file.get().pid()).isPresent()) {
			remove(directory.resolve(PostmasterFile.NAME), file.get());
			file.get()
				.socketLockFile()
				.filter(lock -> namesTheServer(lock, file.get()))
				.ifPresent(lock -> remove(lock, file.get()));
		}
		return true;
	}

	private static boolean namesTheServer(Path lockFile, PostmasterFile file) {
		try {
			List<String> lines = Files.readAllLines(lockFile);
			return lines.size() > 1 && lines.get(0).strip().equals(Long.toString(file.pid()))
					&& Files.isSameFile(Path.of(lines.get(1).strip()), file.dataDirectory());
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static void remove(Path lockFile, PostmasterFile file) {
		try {
			Files.deleteIfExists(lockFile);
			log.info("Removed {}: its process {} is not a running PostgreSQL server", lockFile, file.pid());
		}
		catch (IOException ex) {
			log.warn("Could not remove the stale {}: {}", lockFile, ex.getMessage());
		}
	}

	/**
	 * SIGINT, PostgreSQL's fast shutdown (open transactions are rolled back, committed
	 * ones stay), through the system's {@code kill}; SIGTERM, its smart shutdown, when
	 * that cannot be run. The server's own {@code pg_ctl} is not used: it refuses to run
	 * as root, as containers often run.
	 */
	private static void stop(PostmasterFile found) {
		try {
			try {
				Process kill = new ProcessBuilder("kill", "-INT", Long.toString(found.pid())).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
					ProcessHandle.of(found.pid()).ifPresent(ProcessHandle::destroy);
				}
			}
			catch (IOException ex) {
				ProcessHandle.of(found.pid()).ifPresent(ProcessHandle::destroy);
			}
			waitForExit(found);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void waitForExit(PostmasterFile found) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
		while (found.processRuns() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
	}

}
