package org.studygate.archive;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.studygate.InvalidInputException;
import org.studygate.access.AccessControl;
import org.studygate.directory.Actor;
import org.studygate.study.Studies;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudySummary;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * QIDO-RS {@code /studies} of the gateway, answered from the registry under the decision
 * point's list condition, so that pages stay consistent whatever the archive holds; each
 * search is logged.
 */
@Component
class StudySearch {

	private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final DateTimeFormatter DICOM_TIME = DateTimeFormatter.ofPattern("HHmmss");

	private final AccessControl access;

	private final Studies studies;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	StudySearch(AccessControl access, Studies studies, ApplicationEventPublisher events, Clock clock) {
		this.access = access;
		this.studies = studies;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * QIDO-RS {@code /studies}: one page of the studies the actor may list, searched in
	 * the registry with the decision point's list condition, as DICOM JSON objects.
	 * @param parameters the query's parameters by DICOM keyword or tag
	 * @param gatewayUrl the gateway's base URL, for each study's RetrieveURL
	 */
	List<Map<String, Object>> searchStudies(Actor actor, Map<String, String> parameters, String gatewayUrl) {
		int limit = integer(parameters.get("limit"), Studies.MAX_PAGE, "limit");
		int offset = integer(parameters.get("offset"), 0, "offset");
		if (limit < 1 || offset < 0) {
			throw new InvalidInputException("limit", "limit must be positive and offset not negative");
		}
		String name = first(parameters, "PatientName", "00100010");
		String patientId = first(parameters, "PatientID", "00100020");
		LocalDate[] dates = dateRange(first(parameters, "StudyDate", "00080020"));
		StudyFilter filter = new StudyFilter(patientId != null ? patientId : wildcardPrefix(name), dates[0], dates[1],
				first(parameters, "ModalitiesInStudy", "00080061"), null,
				first(parameters, "AccessionNumber", "00080050"));
		StudyCondition condition = access.visibleStudies(actor);
		String uids = first(parameters, "StudyInstanceUID", "0020000D");
		if (uids != null) {
			condition = condition.and(StudyCondition.studyInstanceUids(
					Arrays.stream(uids.split("[,\\\\]")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
		}
		List<Studies.Counted> page = studies.searchAtCounted(filter, condition, offset,
				Math.min(limit, Studies.MAX_PAGE));
		List<Map<String, Object>> answer = new ArrayList<>();
		for (Studies.Counted row : page) {
			answer.add(dicomObject(row.study(), row.counts(), gatewayUrl));
		}
		String query = parameters.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + e.getValue())
			.collect(java.util.stream.Collectors.joining("&"));
		events.publishEvent(new StudiesQueried(clock.instant(), actor.asAuditActor(),
				query.length() > 200 ? query.substring(0, 200) + "…" : query, answer.size()));
		return answer;
	}

	/** One study of the answer as a DICOM JSON object. */
	private static Map<String, Object> dicomObject(StudySummary study, Studies.ImageCounts count, String gatewayUrl) {
		Map<String, Object> object = new LinkedHashMap<>();
		put(object, "00080005", "CS", "ISO_IR 192");
		put(object, "00080020", "DA", study.studyDate() == null ? null : study.studyDate().format(DICOM_DATE));
		put(object, "00080030", "TM",
				study.performedAt() == null ? null : study.performedAt().toLocalTime().format(DICOM_TIME));
		put(object, "00080050", "SH", study.accessionNumber());
		put(object, "00080061", "CS", study.modality());
		put(object, "00081030", "LO", study.description());
		put(object, "00081190", "UR", gatewayUrl + "/studies/" + study.studyInstanceUid());
		object.put("00100010", study.patientName() == null ? Map.of("vr", "PN")
				: Map.of("vr", "PN", "Value", List.of(personName(study.patientName()))));
		put(object, "00100020", "LO", study.patientId());
		put(object, "00100030", "DA",
				study.patientBirthDate() == null ? null : study.patientBirthDate().format(DICOM_DATE));
		put(object, "0020000D", "UI", study.studyInstanceUid());
		object.put("00201206", Map.of("vr", "IS", "Value", List.of(count.series())));
		object.put("00201208", Map.of("vr", "IS", "Value", List.of(count.instances())));
		return object;
	}

	private static void put(Map<String, Object> object, String tag, String vr, String value) {
		object.put(tag,
				value == null || value.isEmpty() ? Map.of("vr", vr) : Map.of("vr", vr, "Value", List.of(value)));
	}

	private static String first(Map<String, String> parameters, String keyword, String tag) {
		String value = parameters.getOrDefault(keyword, parameters.get(tag));
		return value == null || value.isBlank() ? null : value.strip();
	}

	/**
	 * A DICOM JSON person name (PS3.18 F.2.2): its {@code =}-separated component groups
	 * as Alphabetic, Ideographic and Phonetic.
	 */
	static Map<String, String> personName(String name) {
		String[] groups = name.split("=", -1);
		String[] keys = { "Alphabetic", "Ideographic", "Phonetic" };
		Map<String, String> value = new java.util.LinkedHashMap<>();
		for (int i = 0; i < Math.min(3, groups.length); i++) {
			if (!groups[i].isEmpty()) {
				value.put(keys[i], groups[i]);
			}
		}
		return value;
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
