package org.studygate;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server of the machine's own installation (Debian's
 * {@code postgresql} package, server 15), for tests of Studygate on an external database
 * (decision 046): {@code initdb} and {@code pg_ctl} run as the user {@code postgres} on a
 * temporary data directory it owns, on a free port of the loopback address, with the
 * owner and application roles and the database as docs/operations.md "Database roles"
 * describes. Local connections are trusted; the roles' passwords are set all the same.
 * Where the server cannot be run this way, {@link #start()} fails with what is missing: a
 * test on it never passes by skipping.
 */
public final class ExternalPostgres implements AutoCloseable {

	public static final String DATABASE = "studygate";

	public static final String OWNER = "studygate_owner";

	public static final String OWNER_PASSWORD = "owner-test-1";

	public static final String APP = "studygate";

	public static final String APP_PASSWORD = "app-test-1";

	private final Path bin;

	private final Path base;

	private final Path data;

	private final int port;

	private ExternalPostgres(Path bin, Path base, int port) {
		this.bin = bin;
		this.base = base;
		this.data = base.resolve("data");
		this.port = port;
	}

	/** Creates, starts and prepares a server; fails with what is missing. */
	public static ExternalPostgres start() throws IOException, InterruptedException {
		Path bin = Path.of("/usr/lib/postgresql/15/bin");
		if (!Files.isExecutable(bin.resolve("pg_ctl")) || !Files.isExecutable(bin.resolve("psql"))) {
			throw new IllegalStateException("No PostgreSQL 15 server in " + bin
					+ ": install Debian's postgresql and postgresql-client-15 packages (bin/test does)");
		}
		if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
			throw new IllegalStateException("runuser is missing: the test server runs as the user postgres");
		}
		Path base = Files.createTempDirectory("studygate-pg");
		ExternalPostgres server = new ExternalPostgres(bin, base, freePort());
		run(List.of("chown", "postgres:postgres", base.toString()), base,
				"the test must run as root to hand a data directory to the user postgres");
		server.asPostgres("initdb",
				List.of("-D", server.data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"));
		server.pgCtl("start");
		server.psql("create role " + OWNER + " login password '" + OWNER_PASSWORD + "'");
		server.psql("create role " + APP + " login password '" + APP_PASSWORD + "'");
		server.psql("create database " + DATABASE + " owner " + OWNER);
		return server;
	}

	public int port() {
		return port;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
	}

	/** Stops the server as a fast shutdown does: sessions are ended, nothing is lost. */
	public void stop() throws IOException, InterruptedException {
		pgCtl("stop", "-m", "fast");
	}

	public void startAgain() throws IOException, InterruptedException {
		pgCtl("start");
	}

	/** {@code pg_ctl restart -m fast}. */
	public void restart() throws IOException, InterruptedException {
		pgCtl("restart", "-m", "fast");
	}

	@Override
	public void close() throws IOException, InterruptedException {
		try {
			if (Files.exists(data.resolve("postmaster.pid"))) {
				pgCtl("stop", "-m", "immediate");
			}
		}
		finally {
			try (Stream<Path> files = Files.walk(base)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	private void pgCtl(String command, String... options) throws IOException, InterruptedException {
		List<String> arguments = new ArrayList<>(List.of("-D", data.toString(), "-l", base.resolve("log").toString(),
				"-w", "-t", "60", "-o", "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1", command));
		arguments.addAll(List.of(options));
		asPostgres("pg_ctl", arguments);
	}

	private void psql(String sql) throws IOException, InterruptedException {
		asPostgres("psql", List.of("-h", base.toString(), "-p", Integer.toString(port), "-U", "postgres", "-d",
				"postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql));
	}

	private void asPostgres(String program, List<String> arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of("runuser", "-u", "postgres", "--", bin.resolve(program).toString()));
		command.addAll(arguments);
		run(command, base, "running " + program + " as the user postgres failed");
	}

	private static void run(List<String> command, Path directory, String failure)
			throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output;
		try (var out = process.getInputStream()) {
			output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(failure + " ("
					+ String.join(" ", command.subList(0, Math.min(5, command.size()))) + "): " + output);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
