package org.studygate.ris;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.NanoTimeGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.department.Department;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The listener over TLS (docs/configuration.md): a test CA and a server certificate made
 * now with the JDK's keytool; HAPI's client trusting that CA gets its AA, a plain-text
 * client gets no acknowledgment and nothing is applied.
 */
@StudygateTest
class Hl7TlsTests {

	static final int PORT = RisSender.freePort();

	static final String PASSWORD = "test-" + Long.toHexString(System.nanoTime());

	static final Path DIRECTORY = certificates();

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void listener(DynamicPropertyRegistry registry) {
		registry.add("studygate.hl7.port", () -> PORT);
		registry.add("studygate.hl7.tls", () -> "true");
		registry.add("studygate.hl7.tls-key-store", () -> DIRECTORY.resolve("server.p12").toString());
		registry.add("studygate.hl7.tls-key-store-password", () -> PASSWORD);
	}

	@Test
	void aClientTrustingTheCaGetsItsAcknowledgmentAndAPlainTextClientNone() throws Exception {
		Department department = fixtures.department("Radiology TLS");
		Map<String, String> order = RisSender.order(department.code().value(), "NW", "A" + Fixtures.unique());
		order.put("REQ", Fixtures.physicianNumber());
		order.put("CC", Fixtures.physicianNumber());
		order.put("CC2", Fixtures.physicianNumber());

		assertThat(sendOverTls(RisSender.message("orm-o01.hl7", order))).isEqualTo("AA");
		assertThat(kept(order.get("CTRL"))).isEqualTo(1);

		Map<String, String> plain = new java.util.HashMap<>(order);
		plain.put("CTRL", "MSG" + Fixtures.unique());
		String answer = plainAnswer(RisSender.message("orm-o01.hl7", plain));
		assertThat(answer).doesNotContain("MSA|");
		assertThat(kept(plain.get("CTRL"))).isZero();
	}

	private long kept(String control) {
		return jdbc.sql("select count(*) from ris.message where control_id = :c")
			.param("c", control)
			.query(Long.class)
			.single();
	}

	/** Sends with HAPI's client over TLS, trusting only the test CA; answers MSA-1. */
	private static String sendOverTls(String text) throws Exception {
		KeyStore trust = KeyStore.getInstance(DIRECTORY.resolve("trust.p12").toFile(), PASSWORD.toCharArray());
		TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trusted.init(trust);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trusted.getTrustManagers(), null);
		try (HapiContext context = new DefaultHapiContext()) {
			context.setExecutorService(Executors.newCachedThreadPool());
			context.setValidationContext(ValidationContextFactory.noValidation());
			context.getParserConfiguration().setIdGenerator(new NanoTimeGenerator());
			context.setSocketFactory(new Hl7TlsSockets(tls));
			Connection connection = context.newClient("localhost", PORT, true);
			try {
				Message ack = connection.getInitiator().sendAndReceive(context.getPipeParser().parse(text));
				return new Terser(ack).get("/MSA-1");
			}
			finally {
				connection.close();
			}
		}
	}

	/** What a plain-text MLLP client reads back before the server closes: no frame. */
	private static String plainAnswer(String text) {
		StringBuilder read = new StringBuilder();
		Throwable failure = catchThrowable(() -> {
			try (Socket socket = new Socket("localhost", PORT)) {
				socket.setSoTimeout(20_000);
				OutputStream out = socket.getOutputStream();
				out.write(("\u000b" + text + "\u001c\r").getBytes(StandardCharsets.UTF_8));
				out.flush();
				InputStream in = socket.getInputStream();
				int b;
				while ((b = in.read()) >= 0) {
					read.append((char) b);
				}
			}
		});
		return read + (failure == null ? "" : " (" + failure.getClass().getSimpleName() + ")");
	}

	/**
	 * A CA, a server certificate for localhost signed by it, and a trust store with the
	 * CA.
	 */
	private static Path certificates() {
		try {
			Path dir = Files.createTempDirectory("hl7-tls");
			keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
					"CN=Studygate test CA", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
			keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
					"CN=localhost", "-validity", "2", "-keystore", "server.p12");
			keytool(dir, "-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
			keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile",
					"server.pem", "-rfc", "-validity", "2", "-ext", "san=dns:localhost,ip:127.0.0.1");
			keytool(dir, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.pem");
			keytool(dir, "-importcert", "-alias", "ca", "-keystore", "server.p12", "-file", "ca.pem", "-noprompt");
			keytool(dir, "-importcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.pem");
			keytool(dir, "-importcert", "-alias", "ca", "-keystore", "trust.p12", "-file", "ca.pem", "-noprompt");
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void keytool(Path dir, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("keytool " + arguments[0] + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("keytool interrupted", ex);
		}
	}

}
