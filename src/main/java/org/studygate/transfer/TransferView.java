package org.studygate.transfer;

import java.time.Instant;
import java.util.UUID;

/**
 * One forward or download as the Access tab's PACS section and {@code GET
 * /api/v1/transfers/{id}} show it; written as JSON as it is, so its identifiers are bare
 * UUIDs.
 *
 * @param target the destination's label for a forward, the format for a download
 * @param instancesTotal {@code null} until the archive named the study's instances
 * @param error why the last attempt failed (also while it waits for the next one)
 */
public record TransferView(UUID id, UUID studyId, String userName, String kind, String target, String state,
		int instancesDone, Integer instancesTotal, int attempts, String error, Instant requestedAt,
		Instant finishedAt) {

	/** Whether the job may still be cancelled. */
	public boolean open() {
		return "QUEUED".equals(state) || "RUNNING".equals(state);
	}

}
