package org.studygate.archive;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * The archive's stored files and its DICOM peers, for sending a study on (decision 022):
 * the instances of a study one at a time as the archive keeps them (byte for byte),
 * rendered as JPEG, and C-STORE / C-ECHO to a DICOM peer through the archive's REST API
 * (Orthanc's {@code /modalities}). Decides nothing: the caller has asked the decision
 * point before.
 */
@Service
public class ArchiveFiles {

	private static final Pattern UID = Pattern.compile("^[0-9]+(\\.[0-9]+){0,40}$");

	private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9-]{1,64}$");

	private final ArchiveClient client;

	ArchiveFiles(ArchiveClient client) {
		this.client = client;
	}

	/**
	 * One stored instance: the archive's own id, its SOP Instance UID, its series'
	 * archive id and number.
	 */
	public record Instance(String id, String sopInstanceUid, String seriesId, int instanceNumber, long size) {

	}

	/** The state of an archive job that sends instances to a DICOM peer. */
	public record Job(String state, int progressPercent, String error) {

		public boolean succeeded() {
			return "Success".equals(state);
		}

		public boolean failed() {
			return "Failure".equals(state);
		}

	}

	/** A streamed body; close it when done. */
	public record Body(String contentType, InputStream stream) implements AutoCloseable {

		@Override
		public void close() {
			try {
				stream.close();
			}
			catch (java.io.IOException ex) {
				// given up either way
			}
		}

	}

	/**
	 * The study's instances in series and instance order; empty when the archive does not
	 * hold it.
	 * @throws ArchiveUnavailableException when the archive cannot be reached
	 */
	public List<Instance> instances(String studyInstanceUid) {
		if (!UID.matcher(studyInstanceUid).matches()) {
			return List.of();
		}
		ArchiveClient.RestAnswer found = client.restSend("POST", "/tools/lookup", studyInstanceUid);
		if (!found.ok()) {
			throw new ArchiveUnavailableException("the archive answered " + found.status() + " to a lookup", null);
		}
		String studyId = null;
		for (JsonNode resource : found.body()) {
			if ("Study".equals(resource.path("Type").asString(""))) {
				studyId = resource.path("ID").asString();
			}
		}
		if (studyId == null) {
			return List.of();
		}
		JsonNode instances = client.rest("/studies/" + studyId + "/instances");
		List<String> seriesOrder = new ArrayList<>();
		client.rest("/studies/" + studyId + "/series").forEach(series -> seriesOrder.add(series.path("ID").asString()));
		List<Instance> all = new ArrayList<>();
		for (JsonNode instance : instances) {
			all.add(new Instance(instance.path("ID").asString(),
					instance.path("MainDicomTags").path("SOPInstanceUID").asString(""),
					instance.path("ParentSeries").asString(""),
					number(instance.path("MainDicomTags").path("InstanceNumber").asString("")),
					instance.path("FileSize").asLong(0)));
		}
		all.sort(java.util.Comparator.<Instance>comparingInt(i -> seriesOrder.indexOf(i.seriesId()))
			.thenComparingInt(Instance::instanceNumber)
			.thenComparing(Instance::sopInstanceUid));
		return all;
	}

	/** The instance's DICOM file exactly as the archive stores it, streamed. */
	public Body file(Instance instance) {
		return body("/instances/" + instance.id() + "/file", "application/dicom");
	}

	/** The instance's first frame rendered as a JPEG image by the archive, streamed. */
	public Body jpeg(Instance instance) {
		return body("/instances/" + instance.id() + "/preview", "image/jpeg");
	}

	private Body body(String path, String accept) {
		ArchiveClient.Answer answer = client.restStream(path, accept);
		if (!answer.ok()) {
			answer.close();
			throw new ArchiveUnavailableException("the archive answered " + answer.status() + " to " + path, null);
		}
		return new Body(answer.contentType(), answer.body());
	}

	/**
	 * Registers (or replaces) a DICOM peer in the archive under a name, trusted only for
	 * what a forward needs: the archive may C-ECHO and C-STORE to it, and it may query,
	 * retrieve, store or ask for nothing (Orthanc's {@code Allow*} flags, which default
	 * to true; decision 033).
	 */
	public void registerPeer(String name, String aeTitle, String host, int port) {
		checkName(name);
		ArchiveClient.RestAnswer answer = client.restSend("PUT", "/modalities/" + name, """
				{"AET":%s,"Host":%s,"Port":%d,"AllowEcho":true,"AllowFind":false,"AllowFindWorklist":false,
				 "AllowGet":false,"AllowMove":false,"AllowStore":false,"AllowNAction":false,"AllowEventReport":false,
				 "AllowTranscoding":true}""".formatted(quote(aeTitle), quote(host), port));
		if (!answer.ok()) {
			throw new ArchiveUnavailableException("the archive refused the DICOM peer: " + answer.status(), null);
		}
	}

	/**
	 * Removes a DICOM peer from the archive; one the archive does not know is gone
	 * already.
	 */
	public void removePeer(String name) {
		checkName(name);
		ArchiveClient.RestAnswer answer = client.restSend("DELETE", "/modalities/" + name, "");
		if (!answer.ok() && answer.status() != 404) {
			throw new ArchiveUnavailableException("the archive did not remove the DICOM peer: " + answer.status(),
					null);
		}
	}

	/** The names of the DICOM peers the archive knows that start with the prefix. */
	public List<String> peers(String prefix) {
		List<String> names = new ArrayList<>();
		client.rest("/modalities").forEach(name -> {
			if (name.asString("").startsWith(prefix)) {
				names.add(name.asString());
			}
		});
		return names;
	}

	/**
	 * A C-ECHO from the archive to a registered peer; the failure's description, or empty
	 * on success.
	 */
	public Optional<String> echo(String name) {
		checkName(name);
		ArchiveClient.RestAnswer answer = client.restSend("POST", "/modalities/" + name + "/echo", "{}");
		return answer.ok() ? Optional.empty()
				: Optional.of("C-ECHO failed (" + answer.status() + ")" + detail(answer.body()));
	}

	/**
	 * Starts an archive job that sends the instances to a registered peer by C-STORE; its
	 * id.
	 */
	public String store(String name, List<Instance> instances) {
		checkName(name);
		StringBuilder resources = new StringBuilder();
		for (Instance instance : instances) {
			resources.append(resources.isEmpty() ? "" : ",").append(quote(instance.id()));
		}
		ArchiveClient.RestAnswer answer = client.restSend("POST", "/modalities/" + name + "/store",
				"{\"Resources\":[" + resources + "],\"Asynchronous\":true,\"Synchronous\":false}");
		if (!answer.ok() || !answer.body().has("ID")) {
			throw new ArchiveUnavailableException(
					"the archive did not start the C-STORE (" + answer.status() + ")" + detail(answer.body()), null);
		}
		return answer.body().path("ID").asString();
	}

	/** The state of an archive job. */
	public Job job(String jobId) {
		JsonNode job = client.rest("/jobs/" + checkName(jobId));
		String error = job.path("ErrorDescription").asString("");
		String details = job.path("ErrorDetails").asString("");
		return new Job(job.path("State").asString(""), job.path("Progress").asInt(0),
				details.isBlank() ? error : error + ": " + details);
	}

	/** Cancels an archive job; one that ended already stays as it was. */
	public void cancel(String jobId) {
		client.restSend("POST", "/jobs/" + checkName(jobId) + "/cancel", "{}");
	}

	private static String detail(JsonNode body) {
		String text = body.path("Details").asString(body.path("Message").asString(body.path("text").asString("")));
		return text.isBlank() ? "" : ": " + (text.length() > 300 ? text.substring(0, 300) : text);
	}

	private static String checkName(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("not a name the archive accepts");
		}
		return name;
	}

	private static String quote(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	private static int number(String value) {
		try {
			return Integer.parseInt(value.strip());
		}
		catch (RuntimeException ex) {
			return Integer.MAX_VALUE;
		}
	}

}
