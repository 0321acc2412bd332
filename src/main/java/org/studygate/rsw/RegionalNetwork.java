package org.studygate.rsw;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

import org.studygate.department.RswPublishing.Authentication;

/**
 * The port to the regional health network: submits one study's manifest document. The
 * wire format lives behind it (IHE MHD ITI-65 first, decision 024); an XDS-I.b RAD-68
 * adapter implements the same port. An adapter must send the same identifiers for the
 * same {@link Publication}, so that the network recognises a retry, and must tell a
 * refusal for good from a failure worth retrying.
 */
public interface RegionalNetwork {

	/**
	 * Sends the publication; never throws for what the network answers or for network
	 * failures.
	 */
	Answer submit(Publication publication, Endpoint endpoint);

	/** What to publish: the study's manifest under a stable document id. */
	record Publication(UUID documentId, UUID replacesId, Instant queuedAt, String studyInstanceUid,
			String accessionNumber, LocalDate studyDate, LocalDateTime performedAt, String modality, String description,
			int seriesCount, int instanceCount, String patientNationalId, String patientName,
			LocalDate patientBirthDate, String patientSex, String departmentName) {

	}

	/**
	 * Where and how to send. The token is the resolved secret; it never leaves this
	 * record in clear.
	 */
	record Endpoint(URI url, Authentication authentication, String token) {

		@Override
		public String toString() {
			return "Endpoint[url=" + url + ", authentication=" + authentication + "]";
		}

	}

	/** The network's answer. */
	sealed interface Answer {

		String summary();

	}

	/** Stored (or recognised as already stored). */
	record Accepted(String summary) implements Answer {

	}

	/** Not now (5xx, timeout, unreachable): try again later. */
	record Retry(String summary) implements Answer {

	}

	/** Refused for good (4xx): retrying the same document would be refused again. */
	record Refused(String summary) implements Answer {

	}

}
