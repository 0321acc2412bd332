package org.studygate.atna;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real rsyslog (Debian's {@code rsyslog} and {@code rsyslog-gnutls}, installed by
 * bin/test) for tests and the benchmark: a test CA, a server and a client certificate
 * made with openssl and keytool in a directory of its own, rsyslogd started in the
 * foreground with its own configuration on a free port, receiving syslog over TLS (RFC
 * 5425) and requiring a client certificate of the CA, writing each message's MSGID,
 * APP-NAME, structured data and text as one line of a file.
 */
public final class Rsyslog implements AutoCloseable {

	public static final String PASSWORD = "changeit";

	private final Path dir;

	private final int port;

	private final Process process;

	private Rsyslog(Path dir, int port, Process process) {
		this.dir = dir;
		this.port = port;
		this.process = process;
	}

	public static Rsyslog start() throws Exception {
		return start(false);
	}

	/**
	 * With {@code forVolume}, rsyslog is set up as a repository receiving a high volume
	 * would be: the ruleset gets a queue of its own with two workers taking large
	 * batches, and the file is written through a large buffer, flushed every second;
	 * without it, rsyslog's defaults.
	 */
	public static Rsyslog start(boolean forVolume) throws Exception {
		if (!Files.isExecutable(Path.of("/usr/sbin/rsyslogd"))
				|| !Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so"))) {
			throw new IllegalStateException("rsyslog and rsyslog-gnutls are needed (bin/test installs them)");
		}
		Path dir = Files.createTempDirectory("studygate-rsyslog");
		certificates(dir);
		int port;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = probe.getLocalPort();
		}
		Files.writeString(dir.resolve("rsyslog.conf"),
				"""
						global(workDirectory="%1$s" maxMessageSize="64k"
						       defaultNetstreamDriverCAFile="%1$s/ca.pem"
						       defaultNetstreamDriverCertFile="%1$s/server.pem"
						       defaultNetstreamDriverKeyFile="%1$s/server.key")
						module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="x509/certvalid")
						template(name="atna" type="string" string="%%msgid%% %%app-name%% %%structured-data%% %%msg%%\\n")
						input(type="imtcp" port="%2$d" address="127.0.0.1" ruleset="atna")
						ruleset(name="atna"%3$s) { action(type="omfile" file="%1$s/received.log" template="atna"%4$s) }
						"""
					.formatted(dir, port,
							forVolume ? " queue.type=\"LinkedList\" queue.size=\"200000\" queue.workerThreads=\"2\""
									+ " queue.dequeueBatchSize=\"2048\"" : "",
							forVolume ? " asyncWriting=\"on\" ioBufferSize=\"1m\" flushInterval=\"1\"" : ""));
		Process process = new ProcessBuilder("/usr/sbin/rsyslogd", "-n", "-f", dir.resolve("rsyslog.conf").toString(),
				"-i", dir.resolve("rsyslogd.pid").toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("rsyslogd.out").toFile())
			.start();
		Rsyslog rsyslog = new Rsyslog(dir, port, process);
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("rsyslogd ended: " + Files.readString(dir.resolve("rsyslogd.out")));
			}
			try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
				return true;
			}
		});
		return rsyslog;
	}

	private static void certificates(Path dir) throws IOException, InterruptedException {
		Files.writeString(dir.resolve("server.ext"),
				"subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
		Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
		run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
				"-days", "2", "-subj", "/CN=Studygate Test CA");
		for (String name : List.of("server", "client")) {
			run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
					"-subj", "/CN=" + ("server".equals(name) ? "localhost" : "studygate-test"));
			run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
					"-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
		}
		run(dir, "openssl", "pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key", "-certfile", "ca.pem",
				"-out", "client.p12", "-passout", "pass:" + PASSWORD);
		run(dir, "keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12",
				"-storetype", "PKCS12", "-storepass", PASSWORD);
	}

	private static void run(Path dir, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("tools.out").toFile())
			.start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException(
					String.join(" ", command) + ": " + Files.readString(dir.resolve("tools.out")));
		}
	}

	public String url() {
		return "tls://localhost:" + port;
	}

	public Path clientKeyStore() {
		return dir.resolve("client.p12");
	}

	public Path trustStore() {
		return dir.resolve("trust.p12");
	}

	/** The lines rsyslog wrote so far. */
	public List<String> received() throws IOException {
		Path file = dir.resolve("received.log");
		return Files.exists(file) ? Files.readAllLines(file) : List.of();
	}

	/** How many lines rsyslog wrote so far, counted without holding them. */
	public long lineCount() throws IOException {
		Path file = dir.resolve("received.log");
		if (!Files.exists(file)) {
			return 0;
		}
		try (var lines = Files.lines(file)) {
			return lines.count();
		}
	}

	@Override
	public void close() throws Exception {
		process.destroy();
		if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		try (var files = Files.walk(dir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}
