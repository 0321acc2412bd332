package org.studygate.archive;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The archive's HTTP side: DICOMweb (QIDO-RS, WADO-RS) under the configured URL, and
 * Orthanc's REST API for its change feed. Bodies are handed over as streams, never read
 * whole, so that a study of a gigabyte passes through in constant memory.
 */
@Component
class ArchiveClient {

	private final ArchiveProperties properties;

	private final JsonMapper json;

	private final HttpClient http;

	private final String authorization;

	ArchiveClient(ArchiveProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		this.authorization = properties.user() == null ? null : "Basic " + Base64.getEncoder()
			.encodeToString((properties.user() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8));
	}

	/** An answer of the archive whose body is still to be read; close it when done. */
	record Answer(int status, String contentType, OptionalLong contentLength,
			InputStream body) implements AutoCloseable {

		boolean ok() {
			return status >= 200 && status < 300;
		}

		@Override
		public void close() {
			try {
				body.close();
			}
			catch (IOException ex) {
				// the connection is given up either way
			}
		}

	}

	/**
	 * A DICOMweb request relative to the archive's DICOMweb URL
	 * ({@code /studies/...?...}).
	 */
	Answer dicomWeb(String pathAndQuery, String accept) {
		return get(URI.create(properties.url() + pathAndQuery), accept);
	}

	/**
	 * A request of Orthanc's REST API ({@code /changes?...}, {@code /studies/{id}}), read
	 * as JSON.
	 */
	JsonNode rest(String pathAndQuery) {
		try (Answer answer = get(URI.create(properties.changesUrl() + pathAndQuery), "application/json")) {
			if (!answer.ok()) {
				throw new ArchiveUnavailableException("the archive answered " + answer.status() + " to " + pathAndQuery,
						null);
			}
			return json.readTree(answer.body());
		}
	}

	/**
	 * A small text answer of Orthanc's REST API (instance metadata), empty when absent.
	 */
	String restText(String pathAndQuery) {
		try (Answer answer = get(URI.create(properties.changesUrl() + pathAndQuery), "text/plain")) {
			if (answer.status() == 404) {
				return "";
			}
			if (!answer.ok()) {
				throw new ArchiveUnavailableException("the archive answered " + answer.status() + " to " + pathAndQuery,
						null);
			}
			return new String(answer.body().readNBytes(4096), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new ArchiveUnavailableException("the archive's answer broke off", ex);
		}
	}

	/**
	 * A DICOMweb JSON answer (QIDO-RS), read whole: only for small answers such as one
	 * study's series.
	 */
	JsonNode dicomWebJson(String pathAndQuery) {
		try (Answer answer = dicomWeb(pathAndQuery, "application/dicom+json")) {
			if (!answer.ok()) {
				throw new ArchiveUnavailableException("the archive answered " + answer.status() + " to " + pathAndQuery,
						null);
			}
			byte[] body = answer.body().readAllBytes();
			return body.length == 0 ? json.createArrayNode() : json.readTree(body);
		}
		catch (IOException ex) {
			throw new ArchiveUnavailableException("the archive's answer broke off", ex);
		}
	}

	/**
	 * A request of Orthanc's REST API whose body is streamed (an instance's file, a
	 * rendered image).
	 */
	Answer restStream(String pathAndQuery, String accept) {
		return get(URI.create(properties.changesUrl() + pathAndQuery), accept);
	}

	/**
	 * A POST or PUT of Orthanc's REST API with a small JSON or text body; the answer read
	 * as JSON.
	 */
	RestAnswer restSend(String method, String pathAndQuery, String body) {
		if (!properties.configured()) {
			throw new ArchiveUnavailableException("no archive is configured", null);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.changesUrl() + pathAndQuery))
			.timeout(properties.timeout().multipliedBy(6))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			JsonNode answer;
			try {
				answer = response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
			}
			catch (RuntimeException ex) {
				answer = json.createObjectNode().put("text", new String(response.body(), StandardCharsets.UTF_8));
			}
			return new RestAnswer(response.statusCode(), answer);
		}
		catch (IOException ex) {
			throw new ArchiveUnavailableException("the archive did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ArchiveUnavailableException("interrupted while waiting for the archive", ex);
		}
	}

	/** A small REST answer read whole. */
	record RestAnswer(int status, JsonNode body) {

		boolean ok() {
			return status >= 200 && status < 300;
		}

	}

	private Answer get(URI uri, String accept) {
		if (!properties.configured()) {
			throw new ArchiveUnavailableException("no archive is configured", null);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.timeout()).GET();
		if (accept != null) {
			request.header("Accept", accept);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
					response.headers().firstValueAsLong("Content-Length"), response.body());
		}
		catch (IOException ex) {
			throw new ArchiveUnavailableException("the archive did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ArchiveUnavailableException("interrupted while waiting for the archive", ex);
		}
	}

}
