package org.studygate.rsw;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.TlsContexts;
import org.studygate.StudygateProperties;
import org.studygate.department.RswPublishing.Authentication;

import org.springframework.stereotype.Component;

/**
 * The IHE MHD Document Source's Provide Document Bundle [ITI-65]: POSTs the transaction
 * Bundle of {@link ProvideDocumentBundle} as FHIR JSON to the department's endpoint, with
 * a bearer token or a client certificate when the department's settings say so. A 2xx
 * answer is an acceptance; 408, 429, 5xx, timeouts and unreachable endpoints are worth
 * retrying; any other answer is a refusal.
 */
@Component
class MhdDocumentRecipient implements RegionalNetwork {

	private static final Logger log = LoggerFactory.getLogger(MhdDocumentRecipient.class);

	private final RswProperties properties;

	private final ProvideDocumentBundle bundles;

	private final HttpClient plain;

	private volatile HttpClient mutualTls;

	MhdDocumentRecipient(RswProperties properties, StudygateProperties instance) {
		this.properties = properties;
		this.bundles = new ProvideDocumentBundle(properties.sourceId(), properties.patientIdentifierSystem(),
				instance.publicUrl());
		this.plain = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
	}

	/**
	 * The Bundle as it goes on the wire; for tests and for the decision record's example.
	 */
	Bundle bundle(Publication publication) {
		return bundles.build(publication);
	}

	@Override
	public Answer submit(Publication publication, Endpoint endpoint) {
		String body = ProvideDocumentBundle.FHIR.newJsonParser().encodeResourceToString(bundles.build(publication));
		HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url())
			.timeout(properties.timeout())
			.header("Content-Type", "application/fhir+json; charset=utf-8")
			.header("Accept", "application/fhir+json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		HttpClient client = plain;
		if (endpoint.authentication() == Authentication.BEARER) {
			if (endpoint.token() == null || endpoint.token().isBlank()) {
				return new Refused("no bearer token configured");
			}
			request.header("Authorization", "Bearer " + endpoint.token());
		}
		else if (endpoint.authentication() == Authentication.MUTUAL_TLS) {
			try {
				client = mutualTls();
			}
			catch (IOException | GeneralSecurityException | IllegalStateException ex) {
				log.warn("RSW mutual TLS keystore unusable: {}", ex.getMessage());
				return new Refused("mutual TLS keystore unusable");
			}
		}
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			int status = response.statusCode();
			if (status / 100 == 2) {
				return new Accepted("HTTP " + status);
			}
			String summary = "HTTP " + status + diagnostics(response.body());
			if (status >= 500 || status == 408 || status == 429) {
				return new Retry(summary);
			}
			return new Refused(summary);
		}
		catch (HttpTimeoutException ex) {
			return new Retry("timeout after " + properties.timeout().toSeconds() + " s");
		}
		catch (IOException ex) {
			return new Retry("network unreachable");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Retry("interrupted");
		}
	}

	/**
	 * The first diagnostics of an OperationOutcome answer, shortened; nothing when there
	 * is none.
	 */
	private static String diagnostics(String body) {
		if (body == null || body.isBlank() || body.length() > 100_000) {
			return "";
		}
		try {
			OperationOutcome outcome = ProvideDocumentBundle.FHIR.newJsonParser()
				.parseResource(OperationOutcome.class, body);
			String text = outcome.getIssueFirstRep().getDiagnostics();
			if (text == null || text.isBlank()) {
				return "";
			}
			return ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	private HttpClient mutualTls() throws IOException, GeneralSecurityException {
		HttpClient client = mutualTls;
		if (client != null) {
			return client;
		}
		if (properties.keystore() == null) {
			throw new IllegalStateException("no keystore configured");
		}
		SSLContext tls = TlsContexts.of(properties.keystore(), properties.keystorePassword(), properties.truststore(),
				properties.truststorePassword());
		client = HttpClient.newBuilder().connectTimeout(properties.timeout()).sslContext(tls).build();
		mutualTls = client;
		return client;
	}

	Duration timeout() {
		return properties.timeout();
	}

}
