package org.studygate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code postmaster.pid} of a PostgreSQL data directory says about the server that
 * wrote it: its process id (line 1), its data directory (line 2), its port (line 4) and
 * the directory of its Unix socket (line 5). PostgreSQL removes the file when it stops
 * cleanly; a file left behind names either a server still running (an orphan of a dead
 * application) or a dead process.
 */
record PostmasterFile(long pid, Path dataDirectory, int port, String socketDirectory) {

	static final String NAME = "postmaster.pid";

	/** The file in {@code directory}, if there is one that can be read. */
	static Optional<PostmasterFile> read(Path directory) {
		Path file = directory.resolve(NAME);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			List<String> lines = Files.readAllLines(file);
			if (lines.size() < 4) {
				return Optional.empty();
			}
			return Optional.of(new PostmasterFile(Long.parseLong(lines.get(0).strip()), Path.of(lines.get(1).strip()),
					Integer.parseInt(lines.get(3).strip()), (lines.size() > 4) ? lines.get(4).strip() : ""));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether the process named by the file runs (a process that died but was not yet
	 * reaped by its parent, a zombie, does not).
	 */
	boolean processRuns() {
		return running(this.pid);
	}

	/**
	 * Whether the process named by the file is a PostgreSQL server running on
	 * {@code directory}: a running process whose program is {@code postgres}, whose file
	 * names that directory. Nothing else is ever signalled.
	 */
	boolean isServerOn(Path directory) {
		Optional<String> command = command();
		if (!processRuns() || command.isEmpty()
				|| !Path.of(command.get()).getFileName().toString().equals("postgres")) {
			return false;
		}
		try {
			return Files.isSameFile(this.dataDirectory, directory);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The lock file of the server's Unix socket, which names the server's process too
	 * ({@code .s.PGSQL.<port>.lock}), if the server had one.
	 */
	Optional<Path> socketLockFile() {
		if (this.socketDirectory.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(Path.of(this.socketDirectory.split(",")[0].strip(), ".s.PGSQL." + this.port + ".lock"));
	}

	/** The program the process runs, when the system tells. */
	Optional<String> command() {
		return ProcessHandle.of(this.pid).flatMap(p -> p.info().command());
	}

	/**
	 * Whether a running process other than the file's still works in {@code directory}
	 * (PostgreSQL's processes change into their data directory): the server processes of
	 * a dead postmaster end shortly after it, and a new server must not start while they
	 * still write.
	 */
	boolean serverProcessesRemain(Path directory) {
		return ProcessHandle.allProcesses()
			.filter(p -> p.pid() != this.pid && running(p.pid()))
			.anyMatch(p -> worksIn(p.pid(), directory));
	}

	private static boolean worksIn(long pid, Path directory) {
		try {
			return Files.isSameFile(Path.of("/proc", Long.toString(pid), "cwd").toRealPath(), directory);
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	static boolean running(long pid) {
		Optional<ProcessHandle> process = ProcessHandle.of(pid);
		if (process.isEmpty() || !process.get().isAlive()) {
			return false;
		}
		try {
			// /proc/<pid>/stat: "pid (name) state ..."; Z is a zombie, X is dead
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String state = stat.substring(stat.lastIndexOf(')') + 2).substring(0, 1);
			return !state.equals("Z") && !state.equals("X");
		}
		catch (IOException | RuntimeException ex) {
			return true;
		}
	}

}
