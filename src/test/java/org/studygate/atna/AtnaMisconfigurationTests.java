package org.studygate.atna;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.audit.AuditChain;
import org.studygate.study.Studies;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Wrong export settings do not stop the application (decision 071): with a malformed
 * {@code studygate.atna.url} this context starts, the export stays off, and the service
 * desk's page says why; a cipher suite this Java does not know keeps the export off the
 * same way.
 */
@StudygateTest
@TestPropertySource(properties = "studygate.atna.url=tls//arr.hospital:6514")
class AtnaMisconfigurationTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AtnaExporter exporter;

	@Autowired
	AtnaExport export;

	@Autowired
	CursorStore store;

	@Autowired
	AuditChain chain;

	@Autowired
	Studies studies;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Clock clock;

	@Test
	void aMalformedUrlLeavesTheExportOffAndThePageSaysWhy() throws Exception {
		assertThat(exporter.problem()).isEqualTo(AtnaExporter.ConfigurationProblem.URL);
		assertThat(export.state(AtnaExporter.CURSOR).problem()).isEqualTo("URL");

		MockHttpServletResponse response = web.mvc()
			.perform(get("/admin/atna").with(authentication(fixtures.signedIn(fixtures.serviceDesk("Desk Broken")))))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("id=\"atna-problem\"")
			.contains("STUDYGATE_ATNA_URL is not a repository address")
			.doesNotContain("Exception");
	}

	@Test
	void anUnknownCipherSuiteLeavesTheExportOff() {
		AtnaProperties settings = new AtnaProperties("tls://127.0.0.1:6514", null, null, null, null, "testhost", null,
				null, null, null, null, null, null, null, List.of("TLS_AES_128_GCM_SHA256", "TLS_NO_SUCH_SUITE"), null);
		AtnaExporter wrong = new AtnaExporter(settings, store, chain, studies, transactions, clock);

		wrong.start();

		assertThat(wrong.problem()).isEqualTo(AtnaExporter.ConfigurationProblem.CIPHER_SUITES);
		wrong.stop();
	}

	@Test
	void knownCipherSuitesAreAccepted() {
		AtnaProperties settings = new AtnaProperties("tls://127.0.0.1:6514", null, null, null, null, "testhost", null,
				null, null, null, null, null, null, null, List.of(" TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256 "),
				null);
		AtnaExporter right = new AtnaExporter(settings, store, chain, studies, transactions, clock);

		right.start();

		assertThat(right.problem()).isNull();
		assertThat(settings.cipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");
		right.stop();
	}

}
