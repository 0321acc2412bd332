package org.studygate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a start finds in {@code postmaster.pid}: a file of a dead process is left to
 * PostgreSQL, which starts over it; a process that is not a PostgreSQL server on the
 * directory is never signalled (docs/decisions/043-crash-safe-embedded-database.md).
 */
class OrphanServerTests {

	@TempDir
	Path directory;

	@Test
	void aStaleFileOfADeadProcessIsIgnoredAndTheServerStarts() throws Exception {
		List<String> written;
		try (EmbeddedPostgres server = server()) {
			written = Files.readAllLines(this.directory.resolve(PostmasterFile.NAME));
		}
		long dead = deadProcessId();
		written.set(0, Long.toString(dead));
		Files.write(this.directory.resolve(PostmasterFile.NAME), written);

		OrphanServer.stopIfRunning(this.directory);

		assertThat(Files.exists(this.directory.resolve(PostmasterFile.NAME))).isTrue();
		try (EmbeddedPostgres server = server()) {
			assertThat(PostmasterFile.read(this.directory).orElseThrow().pid()).isNotEqualTo(dead);
			assertThat(server.getPostgresDatabase().getConnection().isValid(5)).isTrue();
		}
	}

	@Test
	void aLiveProcessThatIsNoServerOnTheDirectoryIsNotSignalled() throws Exception {
		Process other = new ProcessBuilder("sleep", "120").start();
		try {
			Files.write(this.directory.resolve(PostmasterFile.NAME),
					List.of(Long.toString(other.pid()), this.directory.toString(), "0", "5432", ""));
			PostmasterFile file = PostmasterFile.read(this.directory).orElseThrow();
			assertThat(file.isServerOn(this.directory)).isFalse();

			OrphanServer.stopIfRunning(this.directory);

			assertThat(other.isAlive()).isTrue();
			// PostgreSQL would take the file for a running server: it is removed
			assertThat(Files.exists(this.directory.resolve(PostmasterFile.NAME))).isFalse();
		}
		finally {
			other.destroyForcibly();
			other.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void aRunningServerOnTheDirectoryIsStopped() throws Exception {
		EmbeddedPostgres server = server();
		try {
			PostmasterFile file = PostmasterFile.read(this.directory).orElseThrow();
			assertThat(file.isServerOn(this.directory)).isTrue();

			OrphanServer.stopIfRunning(this.directory);

			assertThat(file.processRuns()).isFalse();
			assertThat(Files.exists(this.directory.resolve(PostmasterFile.NAME))).isFalse();
		}
		finally {
			server.close();
		}
	}

	private EmbeddedPostgres server() throws Exception {
		return EmbeddedPostgres.builder()
			.setDataDirectory(this.directory)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setServerConfig("fsync", "off")
			.start();
	}

	private static long deadProcessId() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor(10, TimeUnit.SECONDS);
		assertThat(PostmasterFile.running(process.pid())).isFalse();
		return process.pid();
	}

}
