package org.studygate.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.AccessDenied;
import org.studygate.access.Action;
import org.studygate.directory.Actor;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudySummary;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The image archive as the rest of Studygate and its DICOMweb gateway see it. Every answer is decided
 * by the access module first: studies are searched in the registry under the decision point's list
 * condition (so that QIDO-RS pages stay consistent), a study's series and instances are queried after
 * a LIST decision, and images are streamed from the archive after a VIEW_IMAGES decision, logged once
 * per actor, study and window. A study the actor may not list is not found, and the refusal logged.
 */
@Service
public class Archive {

	private static final Pattern UID = Pattern.compile("^[0-9]+(\\.[0-9]+){0,40}$");

	private static final Pattern WADO_PATH = Pattern
		.compile("^(/metadata|/rendered|/thumbnail|/series/[0-9.]{1,64}(/metadata|/rendered|/thumbnail"
				+ "|/instances/[0-9.]{1,64}(/metadata|/rendered|/thumbnail|/frames/[0-9,]{1,64}(/rendered|/thumbnail)?"
				+ "|/bulk/[0-9A-Fa-f./]{1,200})?)?)?$");

	private static final Pattern QIDO_PATH = Pattern.compile("^(/series|/instances|/series/[0-9.]{1,64}/instances)$");

	private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;

	/** Where an answer of the archive goes: the gateway's HTTP response. */
	public interface Sink {

		/** Starts the answer and gives the stream its body is written to. */
		OutputStream start(int status, String contentType, OptionalLong contentLength) throws IOException;

	}

	private final ArchiveProperties properties;

	private final ArchiveClient client;

	private final AccessControl access;

	private final Studies studies;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Archive(ArchiveProperties properties, ArchiveClient client, AccessControl access, Studies studies, JdbcClient jdbc,
			PlatformTransactionManager transactions, ApplicationEventPublisher events, Clock clock) {
		this.properties = properties;
		this.client = client;
		this.access = access;
		this.studies = studies;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.events = events;
		this.clock = clock;
	}

	/** Whether an archive is configured. */
	public boolean configured() {
		return properties.configured();
	}

	/**
	 * A study's series for its page, when the actor may view its images and the archive answers;
	 * otherwise why not. Decides, logs nothing: the images themselves are logged when retrieved.
	 */
	public StudyImages images(Actor actor, Study study) {
		String viewer = properties.viewerUrl() == null ? null
				: properties.viewerUrl().replace("{studyInstanceUid}", study.studyInstanceUid());
		if (!properties.configured()) {
			return new StudyImages(StudyImages.State.NOT_CONFIGURED, study.studyInstanceUid(), List.of(), null);
		}
		if (!access.decide(actor, study, Action.VIEW_IMAGES).isPermitted()) {
			return new StudyImages(StudyImages.State.NOT_PERMITTED, study.studyInstanceUid(), List.of(), null);
		}
		try {
			String base = "/studies/" + study.studyInstanceUid();
			JsonNode series = client.dicomWebJson(base + "/series?includefield=0008103E&includefield=00200011");
			JsonNode instances = client
				.dicomWebJson(base + "/instances?includefield=0020000E&includefield=00200013");
			Map<String, List<String[]>> bySeries = new LinkedHashMap<>();
			for (JsonNode instance : instances) {
				bySeries.computeIfAbsent(value(instance, "0020000E"), key -> new ArrayList<>())
					.add(new String[] { value(instance, "00080018"), value(instance, "00200013") });
			}
			List<Map.Entry<Integer, StudyImages.Series>> found = new ArrayList<>();
			for (JsonNode one : series) {
				String uid = value(one, "0020000E");
				List<String> ordered = bySeries.getOrDefault(uid, List.of())
					.stream()
					.sorted(Comparator.comparingInt(row -> number(row[1])))
					.map(row -> row[0])
					.toList();
				found.add(Map.entry(number(value(one, "00200011")),
						new StudyImages.Series(uid, value(one, "00080060"), value(one, "0008103E"), ordered)));
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
	 * QIDO-RS {@code /studies}: one page of the studies the actor may list, searched in the registry
	 * with the decision point's list condition, as DICOM JSON objects.
	 *
	 * @param parameters the query's parameters by DICOM keyword or tag
	 * @param gatewayUrl the gateway's base URL, for each study's RetrieveURL
	 */
	public List<Map<String, Object>> searchStudies(Actor actor, Map<String, String> parameters, String gatewayUrl) {
		int limit = integer(parameters.get("limit"), Studies.MAX_PAGE, "limit");
		int offset = integer(parameters.get("offset"), 0, "offset");
		if (limit < 1 || offset < 0) {
			throw new InvalidInputException("limit", "limit must be positive and offset not negative");
		}
		String name = first(parameters, "PatientName", "00100010");
		String patientId = first(parameters, "PatientID", "00100020");
		LocalDate[] dates = dateRange(first(parameters, "StudyDate", "00080020"));
		StudyFilter filter = new StudyFilter(patientId != null ? patientId : wildcardPrefix(name), dates[0], dates[1],
				first(parameters, "ModalitiesInStudy", "00080061"), null, first(parameters, "AccessionNumber", "00080050"));
		StudyCondition condition = access.visibleStudies(actor);
		String uids = first(parameters, "StudyInstanceUID", "0020000D");
		if (uids != null) {
			condition = condition.and(StudyCondition.studyInstanceUids(
					Arrays.stream(uids.split("[,\\\\]")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
		}
		List<StudySummary> page = studies.searchAt(filter, condition, offset, Math.min(limit, Studies.MAX_PAGE));
		Map<StudyId, Studies.ImageCounts> counts = studies.imageCounts(page.stream().map(StudySummary::id).toList());
		List<Map<String, Object>> answer = new ArrayList<>();
		for (StudySummary study : page) {
			Studies.ImageCounts count = counts.getOrDefault(study.id(), new Studies.ImageCounts(0, 0));
			Map<String, Object> object = new LinkedHashMap<>();
			put(object, "00080005", "CS", "ISO_IR 192");
			put(object, "00080020", "DA", study.studyDate() == null ? null : study.studyDate().format(DICOM_DATE));
			put(object, "00080030", "TM", study.performedAt() == null ? null
					: study.performedAt().toLocalTime().format(DateTimeFormatter.ofPattern("HHmmss")));
			put(object, "00080050", "SH", study.accessionNumber());
			put(object, "00080061", "CS", study.modality());
			put(object, "00081030", "LO", study.description());
			put(object, "00081190", "UR", gatewayUrl + "/studies/" + study.studyInstanceUid());
			object.put("00100010", study.patientName() == null ? Map.of("vr", "PN")
					: Map.of("vr", "PN", "Value", List.of(Map.of("Alphabetic", study.patientName()))));
			put(object, "00100020", "LO", study.patientId());
			put(object, "00100030", "DA",
					study.patientBirthDate() == null ? null : study.patientBirthDate().format(DICOM_DATE));
			put(object, "0020000D", "UI", study.studyInstanceUid());
			object.put("00201206", Map.of("vr", "IS", "Value", List.of(count.series())));
			object.put("00201208", Map.of("vr", "IS", "Value", List.of(count.instances())));
			answer.add(object);
		}
		String query = parameters.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + e.getValue())
			.collect(java.util.stream.Collectors.joining("&"));
		events.publishEvent(new StudiesQueried(clock.instant(), actor.asAuditActor(),
				query.length() > 200 ? query.substring(0, 200) + "…" : query, answer.size()));
		return answer;
	}

	/**
	 * QIDO-RS inside one study ({@code /series}, {@code /instances},
	 * {@code /series/{uid}/instances}): after a LIST decision, the archive's answer streamed through.
	 */
	public void query(Actor actor, String studyInstanceUid, String subPath, String query, String gatewayUrl,
			Sink sink) throws IOException {
		if (!QIDO_PATH.matcher(subPath).matches()) {
			throw new NotFoundException("resource");
		}
		transactions.execute(status -> authorize(actor, studyInstanceUid, Action.LIST));
		stream("/studies/" + studyInstanceUid + subPath + query(query), "application/dicom+json", gatewayUrl, sink);
	}

	/**
	 * WADO-RS under one study (the study itself, metadata, series, instances, frames, bulk data,
	 * rendered images and thumbnails): after a VIEW_IMAGES decision, the archive's answer streamed
	 * through. The first retrieval of a window is logged; a thumbnail is the archive's rendered image
	 * at thumbnail size.
	 */
	public void retrieve(Actor actor, String studyInstanceUid, String subPath, String query, String accept,
			String gatewayUrl, Sink sink) throws IOException {
		if (!WADO_PATH.matcher(subPath).matches()) {
			throw new NotFoundException("resource");
		}
		String window = transactions.execute(status -> {
			AccessControl.Authorized authorized = authorize(actor, studyInstanceUid, Action.VIEW_IMAGES);
			return logOncePerWindow(actor, authorized, kind(subPath));
		});
		loggedWindows.remember(window);
		String path = subPath;
		String parameters = query(query);
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
		stream("/studies/" + studyInstanceUid + path + parameters, accept, gatewayUrl, sink);
	}

	/**
	 * The one image type asked of the archive for a rendered image: PNG when the client names it
	 * before JPEG, else JPEG. A browser's {@code image/avif,image/webp,...,*}{@code /*} would make the
	 * archive refuse.
	 */
	static String renderedType(String accept) {
		if (accept == null) {
			return "image/jpeg";
		}
		int png = accept.indexOf("image/png");
		int jpeg = accept.indexOf("image/jpeg");
		return png >= 0 && (jpeg < 0 || png < jpeg) ? "image/png" : "image/jpeg";
	}

	private void stream(String archivePath, String accept, String gatewayUrl, Sink sink) throws IOException {
		try (ArchiveClient.Answer answer = client.dicomWeb(archivePath, accept)) {
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

	private AccessControl.Authorized authorize(Actor actor, String studyInstanceUid, Action action) {
		StudyId id = UID.matcher(studyInstanceUid).matches() && studyInstanceUid.length() <= 64
				? studies.findIdByUid(studyInstanceUid).orElse(null) : null;
		if (id == null) {
			events.publishEvent(new AccessDenied(clock.instant(), actor.asAuditActor(), null, action,
					"no study has the Study Instance UID " + abbreviated(studyInstanceUid)));
			throw new NotFoundException("study");
		}
		return access.require(actor, id, action);
	}

	/** Logs the retrieval if it is the first of its window; returns the window's key. */
	private String logOncePerWindow(Actor actor, AccessControl.Authorized authorized, String kind) {
		Instant now = clock.instant();
		long window = properties.auditWindow().toSeconds();
		Instant windowStart = Instant.ofEpochSecond(now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), window));
		String key = actorKey(actor) + "|" + authorized.study().id().value() + "|" + windowStart;
		if (loggedWindows.known(key)) {
			return key;
		}
		int inserted = jdbc.sql("""
				insert into archive.retrieval_window (actor_key, study_id, window_start)
				values (:actor, :study, :start) on conflict do nothing
				""")
			.param("actor", actorKey(actor))
			.param("study", authorized.study().id().value())
			.param("start", Timestamp.from(windowStart))
			.update();
		if (inserted == 1) {
			events.publishEvent(new ImagesRetrieved(now, actor.asAuditActor(), authorized.study().id().value(),
					authorized.permittedBy().path().name(), kind, windowStart));
		}
		return key;
	}

	private final LoggedWindows loggedWindows = new LoggedWindows();

	/**
	 * The windows this instance saw committed, so that the frames after the first skip the insert
	 * that would find the row anyway. Only spares work: the table stays the judge, and a window is
	 * remembered only after the transaction that logged (or found) it committed.
	 */
	private static final class LoggedWindows {

		private static final int MAX = 10_000;

		private final java.util.Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();

		boolean known(String key) {
			return known.contains(key);
		}

		void remember(String key) {
			if (key != null) {
				if (known.size() >= MAX) {
					known.clear();
				}
				known.add(key);
			}
		}

	}

	/** Forgets the windows of retrievals that ended a day ago or more. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
	void forgetOldWindows() {
		jdbc.sql("delete from archive.retrieval_window where window_start < :before")
			.param("before", Timestamp.from(clock.instant().minus(properties.auditWindow()).minusSeconds(86400)))
			.update();
	}

	private static String actorKey(Actor actor) {
		return actor.kind().name() + ":" + (actor.userId() != null ? actor.userId().toString() : actor.name());
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
		return parts.length >= 3 && parts[parts.length - 3].equals("bulk") || subPath.contains("/bulk/") ? "bulk" : last;
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

	private static void put(Map<String, Object> object, String tag, String vr, String value) {
		object.put(tag, value == null || value.isEmpty() ? Map.of("vr", vr) : Map.of("vr", vr, "Value", List.of(value)));
	}

	private static String first(Map<String, String> parameters, String keyword, String tag) {
		String value = parameters.getOrDefault(keyword, parameters.get(tag));
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String wildcardPrefix(String name) {
		if (name == null) {
			return null;
		}
		String prefix = name.replace("*", "").replace("?", "").strip();
		return prefix.isEmpty() ? null : prefix;
	}

	private static int integer(String value, int otherwise, String field) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "must be a number");
		}
	}

	private static LocalDate[] dateRange(String value) {
		if (value == null) {
			return new LocalDate[2];
		}
		try {
			int dash = value.indexOf('-');
			if (dash < 0) {
				LocalDate date = LocalDate.parse(value, DICOM_DATE);
				return new LocalDate[] { date, date };
			}
			String from = value.substring(0, dash).strip();
			String to = value.substring(dash + 1).strip();
			return new LocalDate[] { from.isEmpty() ? null : LocalDate.parse(from, DICOM_DATE),
					to.isEmpty() ? null : LocalDate.parse(to, DICOM_DATE) };
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException("StudyDate", "must be a DICOM date or range (YYYYMMDD-YYYYMMDD)");
		}
	}

}
