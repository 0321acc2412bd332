package org.studygate.archive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Orthanc's side of ingestion: its change feed ({@code GET /changes?since=&limit=}) and
 * the study resources it points at ({@code /studies/{id}}, {@code /studies/{id}/series},
 * {@code /instances/{id}/metadata/RemoteAET}). DICOMweb has no change notification, so
 * this one adapter is Orthanc-specific; everything else speaks DICOMweb.
 */
@Component
class OrthancChanges {

	/** A change of the feed; only {@code StableStudy} matters to ingestion. */
	record Change(long seq, String type, String resourceId) {

		boolean stableStudy() {
			return "StableStudy".equals(type);
		}

	}

	/** One page of the feed. */
	record Batch(List<Change> changes, long last, boolean done) {

	}

	private final ArchiveClient client;

	OrthancChanges(ArchiveClient client) {
		this.client = client;
	}

	Batch since(long since, int limit) {
		JsonNode answer = client.rest("/changes?since=" + since + "&limit=" + limit);
		List<Change> changes = new ArrayList<>();
		for (JsonNode change : answer.path("Changes")) {
			changes.add(new Change(change.path("Seq").asLong(), change.path("ChangeType").asString(""),
					change.path("ID").asString("")));
		}
		return new Batch(changes, answer.path("Last").asLong(since), answer.path("Done").asBoolean(true));
	}

	/** The sequence number of the newest change. */
	long newest() {
		return client.rest("/changes?last").path("Last").asLong(0);
	}

	/** Whether the archive still holds the study. */
	boolean holds(String archiveId) {
		if (archiveId == null || !archiveId.matches("[0-9a-f-]{1,64}")) {
			return false;
		}
		try {
			client.rest("/studies/" + archiveId);
			return true;
		}
		catch (ArchiveUnavailableException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains(" 404 ")) {
				return false;
			}
			throw ex;
		}
	}

	/** The study with its series; empty when the archive no longer has it. */
	java.util.Optional<ArchivedStudy> study(String archiveId) {
		if (!archiveId.matches("[0-9a-f-]{1,64}")) {
			return java.util.Optional.empty();
		}
		JsonNode study;
		try {
			study = client.rest("/studies/" + archiveId);
		}
		catch (ArchiveUnavailableException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains(" 404 ")) {
				return java.util.Optional.empty();
			}
			throw ex;
		}
		Map<String, String> tags = new LinkedHashMap<>();
		study.path("MainDicomTags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString("")));
		study.path("PatientMainDicomTags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString("")));
		Set<String> modalities = new LinkedHashSet<>();
		int series = 0;
		int instances = 0;
		String firstInstance = null;
		for (JsonNode one : client.rest("/studies/" + archiveId + "/series")) {
			series++;
			String modality = one.path("MainDicomTags").path("Modality").asString("");
			if (!modality.isBlank()) {
				modalities.add(modality.strip());
			}
			for (String dated : List.of("SeriesDate", "SeriesTime")) {
				String value = one.path("MainDicomTags").path(dated).asString("");
				if (!value.isBlank() && !tags.containsKey(dated)) {
					tags.put(dated, value);
				}
			}
			instances += one.path("Instances").size();
			if (firstInstance == null && one.path("Instances").size() > 0) {
				firstInstance = one.path("Instances").get(0).asString();
			}
		}
		String remoteAet = firstInstance == null ? ""
				: client.restText("/instances/" + firstInstance + "/metadata/RemoteAET");
		if (firstInstance != null && blank(tags, "StudyDate") && blank(tags, "SeriesDate")) {
			// type 2 dates left empty: the image's own dates, read only when needed
			JsonNode instance = client.rest("/instances/" + firstInstance + "/simplified-tags");
			for (String dated : List.of("AcquisitionDate", "AcquisitionTime", "ContentDate", "ContentTime")) {
				tags.put(dated, instance.path(dated).asString(""));
			}
		}
		return java.util.Optional
			.of(new ArchivedStudy(archiveId, tags, List.copyOf(modalities), series, instances, remoteAet));
	}

	private static boolean blank(Map<String, String> tags, String keyword) {
		return tags.getOrDefault(keyword, "").isBlank();
	}

}
