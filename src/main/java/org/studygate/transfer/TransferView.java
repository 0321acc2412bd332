package org.studygate.transfer;

import java.time.Instant;

import org.studygate.study.StudyId;

/**
 * One forward or download as the Access tab's PACS section and {@code GET /api/v1/transfers/{id}}
 * show it.
 *
 * @param target the destination's label for a forward, the format for a download
 * @param instancesTotal {@code null} until the archive named the study's instances
 * @param error why the last attempt failed (also while it waits for the next one)
 */
public record TransferView(TransferId id, StudyId studyId, String userName, String kind, String target,
		String state, int instancesDone, Integer instancesTotal, int attempts, String error, Instant requestedAt,
		Instant finishedAt) {

	/** Whether the job may still be cancelled. */
	public boolean open() {
		return "QUEUED".equals(state) || "RUNNING".equals(state);
	}

}
