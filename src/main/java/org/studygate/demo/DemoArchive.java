package org.studygate.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.studygate.archive.ArchiveProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The demo's writer into the local Orthanc: it makes DICOM instances with Orthanc's
 * {@code POST /tools/create-dicom} (tags plus a PNG as a data URI) and asks
 * {@code POST /tools/lookup} whether an instance is stored. What it writes reaches
 * Studygate like any other image, through the change feed
 * (docs/decisions/054-demo-images-in-a-local-orthanc.md).
 */
@Component
class DemoArchive {

	private final ArchiveProperties properties;

	private final JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	DemoArchive(ArchiveProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
	}

	/** Whether an archive is configured to fill. */
	boolean configured() {
		return properties.configured() && properties.changesUrl() != null;
	}

	/** Whether the archive holds the instance. */
	boolean holds(String sopInstanceUid) {
		JsonNode found = json.readTree(post("/tools/lookup", sopInstanceUid, "text/plain"));
		for (JsonNode resource : found) {
			if ("Instance".equals(resource.path("Type").asString())) {
				return true;
			}
		}
		return false;
	}

	/** Makes one instance from its tags and its pixels as a PNG. */
	void create(ObjectNode tags, byte[] png) {
		ObjectNode request = json.createObjectNode();
		request.put("Force", true);
		request.set("Tags", tags);
		request.put("Content", "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
		post("/tools/create-dicom", json.writeValueAsString(request), "application/json");
	}

	private String post(String path, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.changesUrl() + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (properties.user() != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((properties.user() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8)));
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException("the archive answered " + response.statusCode() + " to " + path);
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("the archive did not answer " + path + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
