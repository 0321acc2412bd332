package org.studygate.archive;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An actor took original DICOM of a study through the DICOMweb gateway (a study, series
 * or instance retrieved as {@code application/dicom}, or bulk data): a download, decided
 * as DOWNLOAD and written with the action {@code DOWNLOADED} like a ZIP download, with
 * the format {@code dicom}. Published once per actor, study and window of
 * {@link ArchiveProperties#auditWindow()}, by the window's first retrieval
 * (docs/decisions/032-original-dicom-needs-download.md).
 *
 * @param path the access path that permitted it
 * @param first what the window's first retrieval asked for (study, series, instance,
 * bulk)
 */
public record OriginalsRetrieved(Instant occurredAt, AuditActor actor, UUID studyId, String path, String first,
		Instant windowStart) implements AuditableEvent {

	@Override
	public String action() {
		return "DOWNLOADED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("format", "dicom", "via", "dicomweb", "path", path, "first", first, "window",
				windowStart.toString());
	}

}
