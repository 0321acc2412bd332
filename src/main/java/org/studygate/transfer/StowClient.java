package org.studygate.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * STOW-RS (DICOM PS3.18 §10.5) to a destination: one
 * {@code multipart/related; type="application/dicom"} request per instance whose body is
 * the archive's stream with the part's boundaries around it, so that no instance is held
 * in memory.
 */
final class StowClient {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private StowClient() {
	}

	/** Stores one instance; throws with the destination's answer when it refuses. */
	static void store(String baseUrl, InputStream instance, Duration timeout) throws IOException {
		String boundary = "studygate-" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		InputStream body = new SequenceInputStream(Collections
			.enumeration(List.of(new ByteArrayInputStream(head), instance, new ByteArrayInputStream(tail))));
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/studies"))
			.timeout(timeout)
			.header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
			.header("Accept", "application/dicom+json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
			.build();
		HttpResponse<String> response;
		try {
			response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		// a failed SOP instance sequence (0008,1198) with items means the instance was
		// refused
		if (response.statusCode() != 200
				|| response.body().replace(" ", "").contains("\"00081198\":{\"vr\":\"SQ\",\"Value\":[{")) {
			throw new IOException("the destination answered " + response.statusCode() + " to STOW-RS");
		}
	}

	/** A QIDO-RS request to the service, to see that it answers. */
	static Optional<String> probe(String baseUrl, Duration timeout) {
		try {
			HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/studies?limit=1"))
				.timeout(timeout)
				.header("Accept", "application/dicom+json")
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() < 300 ? Optional.empty()
					: Optional.of("the destination answered " + response.statusCode());
		}
		catch (IOException ex) {
			return Optional.of("the destination did not answer: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of("interrupted");
		}
	}

}
