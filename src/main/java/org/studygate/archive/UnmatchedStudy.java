package org.studygate.archive;

import java.time.Instant;

/**
 * A study of the archive that is not registered, with why (decision 049).
 *
 * @param archiveId the archive's own id of the study
 * @param remoteAet the AE title that sent it, {@code ""} or {@code null} when unknown
 * @param seenAt when ingestion last tried it
 */
public record UnmatchedStudy(String studyInstanceUid, String archiveId, String remoteAet, String institutionName,
		String reason, Instant seenAt) {

}
