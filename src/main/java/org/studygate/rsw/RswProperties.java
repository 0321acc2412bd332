package org.studygate.rsw;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the regional network publisher (docs/product/08-configuration.md,
 * {@code STUDYGATE_RSW_*}).
 *
 * @param timeout how long one send may take before it counts as a timeout (then retried)
 * @param backoffBase the wait after the first failed attempt; doubled after each further
 * one
 * @param backoffMax the longest wait between attempts
 * @param lease how long a worker holds a submission while sending; after it a stopped
 * send is retried
 * @param workerEnabled whether the scheduled worker runs (tests drive it themselves)
 * @param sourceId the IHE sourceId of the SubmissionSets (a URI identifying this
 * Studygate)
 * @param patientIdentifierSystem the system of the patient's national identifier
 * @param keystore for mutual TLS: a PKCS#12 keystore with the client certificate and key
 * @param keystorePassword the keystore's password
 * @param truststore for mutual TLS: a PKCS#12 truststore; the JVM's when absent
 * @param truststorePassword the truststore's password
 */
@ConfigurationProperties("studygate.rsw")
public record RswProperties(Duration timeout, Duration backoffBase, Duration backoffMax, Duration lease,
		Boolean workerEnabled, String sourceId, String patientIdentifierSystem, Path keystore, String keystorePassword,
		Path truststore, String truststorePassword) {

	public RswProperties {
		timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
		backoffBase = backoffBase == null ? Duration.ofSeconds(30) : backoffBase;
		backoffMax = backoffMax == null ? Duration.ofHours(1) : backoffMax;
		lease = lease == null ? timeout.multipliedBy(2).plusSeconds(30) : lease;
		workerEnabled = workerEnabled == null ? Boolean.TRUE : workerEnabled;
		sourceId = sourceId == null || sourceId.isBlank() ? "urn:studygate:source" : sourceId;
		patientIdentifierSystem = patientIdentifierSystem == null || patientIdentifierSystem.isBlank()
				? "https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin" : patientIdentifierSystem;
		keystore = keystore == null || keystore.toString().isBlank() ? null : keystore;
		truststore = truststore == null || truststore.toString().isBlank() ? null : truststore;
	}

	/**
	 * The wait before attempt {@code attempts + 1}, after {@code attempts} failed ones.
	 */
	Duration backoff(int attempts) {
		int doublings = Math.max(0, Math.min(attempts - 1, 20));
		Duration wait = backoffBase.multipliedBy(1L << doublings);
		return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
	}

}
