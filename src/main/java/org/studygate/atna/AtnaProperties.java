package org.studygate.atna;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ATNA export's settings (docs/configuration.md, "ATNA audit export"). The export is
 * off while {@code url} is blank.
 *
 * @param url {@code tls://host:6514}, {@code tcp://host:port} or {@code udp://host:port}
 * @param enterpriseSiteId the AuditEnterpriseSiteID of every message (the hospital)
 * @param sourceId the AuditSourceID and the application's UserID in the messages
 * @param appName the syslog APP-NAME
 * @param messageId the syslog MSGID
 * @param hostname the syslog HOSTNAME and the application's network access point; blank:
 * the machine's name
 * @param batch entries read, sent and acknowledged by the cursor in one step
 * @param interval the pause between steps once the export has caught up
 * @param maxBackoff the longest pause after repeated failures
 * @param connectTimeout the time a connection (and the TLS handshake) may take
 * @param keyStore a PKCS#12 file with the client certificate and key, for TLS; blank:
 * none
 * @param keyStorePassword its password
 * @param trustStore a PKCS#12 file with the certificates the repository's is checked
 * against; blank: the JDK's
 * @param trustStorePassword its password
 * @param cipherSuites the TLS cipher suites offered, in order of preference; empty: the
 * JDK's (decision 071)
 * @param connections the connections a batch is sent over at once (decision 074); each
 * carries a consecutive part of the batch
 */
@ConfigurationProperties("studygate.atna")
record AtnaProperties(String url, String enterpriseSiteId, String sourceId, String appName, String messageId,
		String hostname, Integer batch, Duration interval, Duration maxBackoff, Duration connectTimeout,
		String keyStore, String keyStorePassword, String trustStore, String trustStorePassword,
		java.util.List<String> cipherSuites, Integer connections) {

	/** Chosen by measurement (BENCHMARKS.md, "ATNA export", decision 074). */
	static final int DEFAULT_CONNECTIONS = 2;

	AtnaProperties {
		enterpriseSiteId = blank(enterpriseSiteId) ? "Studygate" : enterpriseSiteId.strip();
		sourceId = blank(sourceId) ? "studygate" : sourceId.strip();
		appName = blank(appName) ? "studygate" : appName.strip();
		messageId = blank(messageId) ? "IHE+RFC-3881" : messageId.strip();
		batch = batch == null || batch < 1 ? 5000 : Math.min(batch, 10_000);
		interval = interval == null ? Duration.ofSeconds(1) : interval;
		maxBackoff = maxBackoff == null ? Duration.ofMinutes(1) : maxBackoff;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
		cipherSuites = cipherSuites == null ? java.util.List.of()
				: cipherSuites.stream().map(String::strip).filter(suite -> !suite.isEmpty()).toList();
		connections = connections == null || connections < 1 ? DEFAULT_CONNECTIONS : Math.min(connections, 16);
	}

	boolean enabled() {
		return !blank(url);
	}

	static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * The export's TLS context: the client certificate from the key store when there is
	 * one (ATNA's node authentication), the repository's certificate checked against the
	 * trust store or the JDK's.
	 */
	javax.net.ssl.SSLContext tlsContext() {
		try {
			return org.studygate.TlsContexts.of(blank(keyStore) ? null : java.nio.file.Path.of(keyStore),
					keyStorePassword, blank(trustStore) ? null : java.nio.file.Path.of(trustStore), trustStorePassword);
		}
		catch (java.security.GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalStateException("the ATNA export's key or trust store cannot be read", ex);
		}
	}

}
