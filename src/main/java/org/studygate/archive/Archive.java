package org.studygate.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.AccessDenied;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The image archive as the rest of Studygate and its DICOMweb gateway see it. Every
 * answer is decided by the access module first: studies are searched in the registry
 * under the decision point's list condition (so that QIDO-RS pages stay consistent), a
 * study's series and instances are queried after a LIST decision, images for viewing are
 * streamed from the archive after a VIEW_IMAGES decision and original DICOM after a
 * DOWNLOAD decision (decision 032), logged once per actor, study and window. A study the
 * actor may not list is not found, and the refusal logged.
 */
@Service
public class Archive {

	private static final Pattern UID = Pattern.compile("^[0-9]+(\\.[0-9]+){0,40}$");

	private static final Pattern WADO_PATH = Pattern
		.compile("^(/metadata|/rendered|/thumbnail|/series/[0-9.]{1,64}(/metadata|/rendered|/thumbnail"
				+ "|/instances/[0-9.]{1,64}(/metadata|/rendered|/thumbnail|/frames/[0-9,]{1,64}(/rendered|/thumbnail)?"
				+ "|/bulk/[0-9A-Fa-f./]{1,200})?)?)?$");

	private static final Pattern QIDO_PATH = Pattern.compile("^(/series|/instances|/series/[0-9.]{1,64}/instances)$");

	/** Where an answer of the archive goes: the gateway's HTTP response. */
	public interface Sink {

		/** Starts the answer and gives the stream its body is written to. */
		OutputStream start(int status, String contentType, OptionalLong contentLength) throws IOException;

	}

	private final ArchiveProperties properties;

	private final ArchiveClient client;

	private final AccessControl access;

	private final RetrievalLog retrievals;

	private final StudySearch search;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final OhifViewer viewer;

	Archive(ArchiveProperties properties, ArchiveClient client, AccessControl access, RetrievalLog retrievals,
			StudySearch search, PlatformTransactionManager transactions, ApplicationEventPublisher events, Clock clock,
			OhifViewer viewer) {
		this.viewer = viewer;
		this.properties = properties;
		this.client = client;
		this.access = access;
		this.retrievals = retrievals;
		this.search = search;
		this.transactions = new TransactionTemplate(transactions);
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The link that opens the study in a viewer: the configured external viewer, else the
	 * OHIF viewer at {@code /viewer/} when its files are there, else {@code null}.
	 */
	public String viewerLink(String studyInstanceUid) {
		if (!properties.configured()) {
			return null;
		}
		return properties.viewerUrl() != null ? properties.viewerUrl().replace("{studyInstanceUid}", studyInstanceUid)
				: viewer.studyLink(studyInstanceUid);
	}

	/** Whether an archive is configured. */
	public boolean configured() {
		return properties.configured();
	}

	/**
	 * A study's series for its page, when the actor may view its images and the archive
	 * answers; otherwise why not. Decides, logs nothing: the images themselves are logged
	 * when retrieved.
	 */
	public StudyImages images(Actor actor, Study study) {
		String viewer = viewerLink(study.studyInstanceUid());
		if (!properties.configured()) {
			return new StudyImages(StudyImages.State.NOT_CONFIGURED, study.studyInstanceUid(), List.of(), null);
		}
		if (!access.decide(actor, study, Action.VIEW_IMAGES).isPermitted()) {
			return new StudyImages(StudyImages.State.NOT_PERMITTED, study.studyInstanceUid(), List.of(), null);
		}
		try {
			String base = "/studies/" + study.studyInstanceUid();
			JsonNode series = client.dicomWebJson(base + "/series?includefield=0008103E&includefield=00200011");
			JsonNode instances = client.dicomWebJson(base + "/instances?includefield=0020000E&includefield=00200013"
					+ "&includefield=00281050&includefield=00281051&includefield=00281055");
			Map<String, List<String[]>> bySeries = new LinkedHashMap<>();
			Map<String, List<StudyImages.Preset>> presets = new LinkedHashMap<>();
			for (JsonNode instance : instances) {
				bySeries.computeIfAbsent(value(instance, "0020000E"), key -> new ArrayList<>())
					.add(new String[] { value(instance, "00080018"), value(instance, "00200013") });
				presets.merge(value(instance, "0020000E"), WindowPresets.of(instance),
						(kept, other) -> kept.isEmpty() ? other : kept);
			}
			List<Map.Entry<Integer, StudyImages.Series>> found = new ArrayList<>();
			for (JsonNode one : series) {
				String uid = value(one, "0020000E");
				List<String> ordered = bySeries.getOrDefault(uid, List.of())
					.stream()
					.sorted(Comparator.comparingInt(row -> number(row[1])))
					.map(row -> row[0])
					.toList();
				found.add(Map.entry(number(value(one, "00200011")), new StudyImages.Series(uid, value(one, "00080060"),
						value(one, "0008103E"), ordered, presets.getOrDefault(uid, List.of()))));
			}
			found.sort(Map.Entry.comparingByKey());
			return new StudyImages(StudyImages.State.AVAILABLE, study.studyInstanceUid(),
					found.stream().map(Map.Entry::getValue).toList(), viewer);
		}
		catch (ArchiveUnavailableException ex) {
			return new StudyImages(StudyImages.State.UNAVAILABLE, study.studyInstanceUid(), List.of(), viewer);
		}
	}

	/**
	 * QIDO-RS {@code /studies}: one page of the studies the actor may list, searched in
	 * the registry with the decision point's list condition, as DICOM JSON objects.
	 * @param parameters the query's parameters by DICOM keyword or tag
	 * @param gatewayUrl the gateway's base URL, for each study's RetrieveURL
	 */
	public List<Map<String, Object>> searchStudies(Actor actor, Map<String, String> parameters, String gatewayUrl) {
		return search.searchStudies(actor, parameters, gatewayUrl);
	}

	/**
	 * QIDO-RS inside one study ({@code /series}, {@code /instances},
	 * {@code /series/{uid}/instances}): after a LIST decision, the archive's answer
	 * streamed through.
	 */
	public void query(Actor actor, String studyInstanceUid, String subPath, String query, String gatewayUrl, Sink sink)
			throws IOException {
		if (!QIDO_PATH.matcher(subPath).matches()) {
			throw new NotFoundException("resource");
		}
		transactions.execute(status -> authorize(actor, studyInstanceUid, Action.LIST));
		stream("/studies/" + studyInstanceUid + subPath + query(query), "application/dicom+json", gatewayUrl, sink,
				false);
	}

	/**
	 * WADO-RS under one study (the study itself, metadata, series, instances, frames,
	 * bulk data, rendered images and thumbnails), streamed from the archive after a
	 * decision: original DICOM (the study, a series or an instance retrieved whole, and
	 * bulk data) needs DOWNLOAD whatever the Accept header asks for, and is logged as a
	 * download; metadata, frames, rendered images and thumbnails need VIEW_IMAGES, and an
	 * archive answer to them that would be DICOM is not passed on
	 * (docs/decisions/032-original-dicom-needs-download.md). The first retrieval of a
	 * window is logged; a thumbnail is the archive's rendered image at thumbnail size. A
	 * rendered image's window is checked after the decision and written anew
	 * (docs/guide/viewer.md).
	 */
	public void retrieve(Actor actor, String studyInstanceUid, String subPath, String query, String accept,
			String gatewayUrl, Sink sink) throws IOException {
		if (!WADO_PATH.matcher(subPath).matches()) {
			throw new NotFoundException("resource");
		}
		boolean original = original(subPath);
		boolean rendered = subPath.endsWith("/rendered") || subPath.endsWith("/thumbnail");
		String window = transactions.execute(status -> {
			Authorized authorized = authorize(actor, studyInstanceUid, original ? Action.DOWNLOAD : Action.VIEW_IMAGES);
			if (rendered) {
				WindowPresets.checked(query);
			}
			return retrievals.logOncePerWindow(actor, authorized, kind(subPath), original);
		});
		retrievals.remember(window);
		String path = subPath;
		String parameters = query(rendered ? WindowPresets.checked(query) : query);
		if (path.endsWith("/thumbnail")) {
			path = path.substring(0, path.length() - "/thumbnail".length()) + "/rendered";
			if (!parameters.contains("viewport=")) {
				parameters = parameters.isEmpty() ? "?viewport=128,128" : parameters + "&viewport=128,128";
			}
			accept = "image/jpeg";
		}
		else if (path.endsWith("/rendered")) {
			accept = renderedType(accept);
		}
		Sink answer = path.endsWith("/rendered") ? Placeholders.whenUnrendered(sink) : sink;
		stream("/studies/" + studyInstanceUid + path + parameters, accept, gatewayUrl, answer, original);
	}

	/**
	 * Whether a WADO-RS path hands out original DICOM: the study, a series or an instance
	 * whole, or bulk data.
	 */
	static boolean original(String subPath) {
		return subPath.isEmpty() || subPath.contains("/bulk/") || !(subPath.endsWith("/metadata")
				|| subPath.endsWith("/rendered") || subPath.endsWith("/thumbnail") || subPath.contains("/frames/"));
	}

	/**
	 * Whether an answer's content type is DICOM files or an archive of them rather than
	 * pixels or JSON.
	 */
	static boolean dicomFiles(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.toLowerCase(java.util.Locale.ROOT).replace("\"", "").replace(" ", "");
		return type.startsWith("application/dicom") && !type.startsWith("application/dicom+")
				|| type.contains("type=application/dicom;") || type.endsWith("type=application/dicom")
				|| type.startsWith("application/zip");
	}

	/**
	 * The one image type asked of the archive for a rendered image: PNG when the client
	 * names it before JPEG, else JPEG. A browser's
	 * {@code image/avif,image/webp,...,*}{@code /*} would make the archive refuse.
	 */
	static String renderedType(String accept) {
		if (accept == null) {
			return "image/jpeg";
		}
		int png = accept.indexOf("image/png");
		int jpeg = accept.indexOf("image/jpeg");
		return png >= 0 && (jpeg < 0 || png < jpeg) ? "image/png" : "image/jpeg";
	}

	private void stream(String archivePath, String accept, String gatewayUrl, Sink sink, boolean originalsDecided)
			throws IOException {
		try (ArchiveClient.Answer answer = client.dicomWeb(archivePath, accept)) {
			if (!originalsDecided && dicomFiles(answer.contentType())) {
				sink.start(406, null, OptionalLong.of(0)).flush();
				return;
			}
			int status = answer.status() >= 500 ? 502 : answer.status();
			boolean json = answer.contentType() != null && answer.contentType().contains("json");
			OutputStream out = sink.start(status, answer.contentType(),
					json ? OptionalLong.empty() : answer.contentLength());
			if (json) {
				OutputStream rewriting = new UrlRewritingOutputStream(new BufferedOutputStream(out, 16384),
						properties.url(), gatewayUrl);
				answer.body().transferTo(rewriting);
				rewriting.close();
			}
			else {
				answer.body().transferTo(out);
			}
			out.flush();
		}
	}

	private Authorized authorize(Actor actor, String studyInstanceUid, Action action) {
		if (!UID.matcher(studyInstanceUid).matches() || studyInstanceUid.length() > 64) {
			events.publishEvent(new AccessDenied(clock.instant(), actor.asAuditActor(), null, action,
					"no study has the Study Instance UID " + abbreviated(studyInstanceUid)));
			throw new NotFoundException("study");
		}
		return access.requireByUid(actor, studyInstanceUid, action);
	}

	private static String kind(String subPath) {
		if (subPath.isEmpty()) {
			return "study";
		}
		String[] parts = subPath.split("/");
		String last = parts[parts.length - 1];
		if (parts.length >= 2 && parts[parts.length - 2].equals("frames")) {
			return "frames";
		}
		if (last.matches("[0-9.]+")) {
			return parts[parts.length - 2].equals("series") ? "series" : "instance";
		}
		return parts.length >= 3 && parts[parts.length - 3].equals("bulk") || subPath.contains("/bulk/") ? "bulk"
				: last;
	}

	private static String query(String query) {
		return query == null || query.isBlank() ? "" : "?" + query;
	}

	private static String abbreviated(String value) {
		String safe = value.replaceAll("[^0-9.]", "?");
		return safe.length() > 64 ? safe.substring(0, 64) + "…" : safe;
	}

	private static String value(JsonNode object, String tag) {
		JsonNode value = object.path(tag).path("Value").path(0);
		return value.isMissingNode() || value.isNull() ? "" : value.asString("");
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
