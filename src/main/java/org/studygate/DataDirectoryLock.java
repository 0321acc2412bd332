package org.studygate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The application's lock on its data directory ({@value #NAME}), held for the life of the
 * JVM. The operating system releases it when the JVM ends in any way, SIGKILL included,
 * so a lock that cannot be taken means another running application uses the directory
 * (docs/decisions/043-crash-safe-embedded-database.md).
 */
final class DataDirectoryLock {

	static final String NAME = "studygate.lock";

	private static final Map<Path, FileLock> held = new HashMap<>();

	private DataDirectoryLock() {
	}

	/**
	 * Takes the lock on {@code dataDir} unless this JVM holds it already, or refuses at
	 * once when another process holds it.
	 */
	static synchronized void acquire(Path dataDir) {
		Path directory = dataDir.toAbsolutePath().normalize();
		if (held.containsKey(directory)) {
			return;
		}
		FileLock lock;
		try {
			Files.createDirectories(directory);
			FileChannel channel = FileChannel.open(directory.resolve(NAME), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				channel.close();
				throw new DataDirectoryInUse(directory);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The data directory " + directory + " could not be locked", ex);
		}
		held.put(directory, lock);
	}

}
