package org.studygate.atna;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditChain;
import org.studygate.audit.AuditOutcome;
import org.studygate.study.Studies;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The export to a real rsyslog over TLS with a test CA: with the client certificate the
 * messages arrive with the configured APP-NAME and MSGID; without it rsyslog refuses the
 * connection, the cursor stays and the failure is recorded.
 */
@StudygateTest
class RsyslogTlsTests {

	static Rsyslog rsyslog;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	AuditChain chain;

	@Autowired
	CursorStore store;

	@Autowired
	Studies studies;

	@Autowired
	java.time.Clock clock;

	@BeforeAll
	static void startRsyslog() throws Exception {
		rsyslog = Rsyslog.start();
	}

	@AfterAll
	static void stopRsyslog() throws Exception {
		if (rsyslog != null) {
			rsyslog.close();
		}
	}

	ExportPump pump(String keyStore) {
		String name = "tls-" + UUID.randomUUID();
		store.create(name, chain.head().seq());
		AtnaProperties settings = new AtnaProperties(rsyslog.url(), "Test site", "studygate-test", null, null,
				"testhost", 500, null, Duration.ofSeconds(1), Duration.ofSeconds(5), keyStore, Rsyslog.PASSWORD,
				rsyslog.trustStore().toString(), Rsyslog.PASSWORD, null, null);
		ExportPump.Parts parts = new ExportPump.Parts(store, chain, studies, new AuditMessages(settings, "testhost"),
				new SyslogFrames("testhost", settings.appName(), settings.messageId()), transactions, clock);
		return new ExportPump(name, parts, AtnaExporter.sender(AtnaTarget.parse(settings.url()), settings),
				settings.batch(), settings.maxBackoff());
	}

	void access(String user, String action) {
		new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(
				new AtnaExportTests.Accessed(Instant.now(), new AuditActor("USER", UUID.randomUUID().toString(), user),
						action, AuditOutcome.SUCCESS, UUID.randomUUID(), Map.of())));
	}

	List<String> linesOf(String user) throws Exception {
		return rsyslog.received().stream().filter(line -> line.contains("UserName=\"" + user + "\"")).toList();
	}

	@Test
	void messagesArriveOverTlsWithTheClientCertificate() throws Exception {
		String user = "Dr Tls " + Fixtures.unique();
		ExportPump pump = pump(rsyslog.clientKeyStore().toString());
		access(user, "STUDY_OPENED");
		access(user, "DOWNLOADED");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
			pump.step();
			return linesOf(user).size() >= 2;
		});
		pump.close();
		List<String> lines = linesOf(user);
		assertThat(lines).hasSize(2)
			.allSatisfy(line -> assertThat(line).startsWith("IHE+RFC-3881 studygate [meta sequenceId="));
		assertThat(lines.get(0)).contains("csd-code=\"110103\"").contains("STUDY_OPENED");
		assertThat(lines.get(1)).contains("csd-code=\"110102\"").contains("DOWNLOADED");
		SyslogMessage.validate(lines.get(0).substring(lines.get(0).indexOf("<AuditMessage>")));
	}

	@Test
	void withoutTheClientCertificateRsyslogRefusesAndNothingIsCountedAsSent() throws Exception {
		String user = "Dr No Cert " + Fixtures.unique();
		ExportPump pump = pump(null);
		long start = store.find(pump.name()).lastSeq();
		access(user, "STUDY_OPENED");
		await().atMost(Duration.ofSeconds(30)).until(() -> chain.head().seq() > start);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
			pump.step();
			return store.find(pump.name()).failures() >= 2;
		});
		pump.close();
		CursorStore.Cursor cursor = store.find(pump.name());
		assertThat(cursor.lastSeq()).isEqualTo(start);
		assertThat(ExportError.named(cursor.lastError())).isIn(ExportError.TLS, ExportError.CONNECTION);
		assertThat(linesOf(user)).isEmpty();
	}

}
