package org.studygate.rsw;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studygate.StudygateProperties;
import org.studygate.department.RswPublishing.Authentication;
import org.studygate.rsw.RegionalNetwork.Accepted;
import org.studygate.rsw.RegionalNetwork.Endpoint;
import org.studygate.rsw.RegionalNetwork.Publication;
import org.studygate.rsw.RegionalNetwork.Refused;
import org.studygate.rsw.RegionalNetwork.Retry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS to the network: WireMock over HTTPS demands a client certificate it trusts;
 * the adapter presents the instance's keystore and is accepted, a certificate the network
 * does not trust is not, and a missing keystore refuses without contacting the network.
 */
class MutualTlsTests {

	static final String PASSWORD = "changeit-test";

	@TempDir
	static Path dir;

	static WireMockServer network;

	@BeforeAll
	static void startNetwork() throws Exception {
		keypair("server", "server.p12");
		keypair("client", "client.p12");
		keypair("stranger", "stranger.p12");
		export("server.p12", "server", "server.cer");
		export("client.p12", "client", "client.cer");
		trust("server.cer", "client-trust.p12");
		trust("client.cer", "server-trust.p12");
		network = new WireMockServer(wireMockConfig().httpDisabled(true)
			.dynamicHttpsPort()
			.keystorePath(dir.resolve("server.p12").toString())
			.keystoreType("PKCS12")
			.keystorePassword(PASSWORD)
			.keyManagerPassword(PASSWORD)
			.needClientAuth(true)
			.trustStorePath(dir.resolve("server-trust.p12").toString())
			.trustStoreType("PKCS12")
			.trustStorePassword(PASSWORD));
		network.start();
		network.stubFor(post(urlEqualTo("/fhir")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/fhir+json")
			.withBody("{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\"}")));
	}

	@AfterAll
	static void stopNetwork() {
		if (network != null) {
			network.stop();
		}
	}

	@Test
	void theInstancesClientCertificateIsAccepted() {
		assertThat(recipient("client.p12").submit(publication(), endpoint())).isInstanceOf(Accepted.class);
		assertThat(network.getAllServeEvents()).isNotEmpty();
	}

	@Test
	void aCertificateTheNetworkDoesNotTrustIsNotAccepted() {
		assertThat(recipient("stranger.p12").submit(publication(), endpoint())).isInstanceOf(Retry.class);
	}

	@Test
	void withoutAKeystoreNothingIsSent() {
		MhdDocumentRecipient recipient = new MhdDocumentRecipient(
				new RswProperties(Duration.ofSeconds(5), null, null, null, false, null, null, null, null,
						dir.resolve("client-trust.p12"), PASSWORD),
				new StudygateProperties(null, "https://studygate.example", null, false));
		assertThat(recipient.submit(publication(), endpoint())).isInstanceOf(Refused.class);
	}

	private static MhdDocumentRecipient recipient(String keystore) {
		return new MhdDocumentRecipient(
				new RswProperties(Duration.ofSeconds(5), null, null, null, false, null, null, dir.resolve(keystore),
						PASSWORD, dir.resolve("client-trust.p12"), PASSWORD),
				new StudygateProperties(null, "https://studygate.example", null, false));
	}

	private static Endpoint endpoint() {
		return new Endpoint(URI.create("https://localhost:" + network.httpsPort() + "/fhir"), Authentication.MUTUAL_TLS,
				null);
	}

	private static Publication publication() {
		return new Publication(UUID.randomUUID(), null, Instant.parse("2026-03-02T09:30:00Z"), "1.2.826.0.1.4711",
				"A0001", LocalDate.of(2026, 3, 2), null, "CT", "CT thorax", 2, 120, "85073003328", "Janssens, Els",
				LocalDate.of(1985, 7, 30), "F", "Radiology");
	}

	private static void keypair(String alias, String file) throws Exception {
		keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
				dir.resolve(file).toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
	}

	private static void export(String file, String alias, String certificate) throws Exception {
		keytool("-exportcert", "-alias", alias, "-keystore", dir.resolve(file).toString(), "-storepass", PASSWORD,
				"-file", dir.resolve(certificate).toString());
	}

	private static void trust(String certificate, String file) throws Exception {
		keytool("-importcert", "-noprompt", "-alias", certificate, "-file", dir.resolve(certificate).toString(),
				"-storetype", "PKCS12", "-keystore", dir.resolve(file).toString(), "-storepass", PASSWORD);
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
		assertThat(Files.exists(dir)).isTrue();
	}

}
