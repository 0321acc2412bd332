package org.studygate.archive;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An actor retrieved a study's images (metadata, instances, frames, rendered images)
 * through the DICOMweb gateway or the study page's viewer. Published once per actor,
 * study and window of {@link ArchiveProperties#auditWindow()}, by the first retrieval of
 * the window (decision 018).
 *
 * @param path the access path that permitted it
 * @param first what the window's first retrieval asked for (metadata, frames, rendered,
 * ...)
 */
public record ImagesRetrieved(Instant occurredAt, AuditActor actor, UUID studyId, String path, String first,
		Instant windowStart) implements AuditableEvent {

	@Override
	public String action() {
		return "IMAGES_RETRIEVED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("path", path, "first", first, "window", windowStart.toString());
	}

}
