package org.studygate.atna;

import java.time.Duration;
import java.time.Instant;

/**
 * How far behind the ATNA export is (docs/operations.md#atna-audit-export).
 *
 * @param enabled whether a repository is configured
 * @param target where the messages go, {@code null} when off
 * @param lastSeq the last link of the chain the repository accepted
 * @param headSeq the chain's last link
 * @param backlog chained entries not yet sent (entries not yet chained come on top,
 * normally for about a second)
 * @param oldestUnsent the time of the oldest entry not yet sent, {@code null} when none
 * @param lag how old that entry is
 * @param sent messages sent since the cursor was made
 * @param archivedSkipped links passed because their month had been archived
 * @param lastSentAt when a batch was last accepted
 * @param lastError what kind of failure stopped it last, {@code null} when the last
 * attempt worked
 * @param lastErrorAt when
 * @param failures failed attempts in a row
 * @param problem why a configured export is off (its settings are wrong), {@code null}
 * when it is not
 */
public record ExportState(boolean enabled, String target, long lastSeq, long headSeq, long backlog,
		Instant oldestUnsent, Duration lag, long sent, long archivedSkipped, Instant lastSentAt, ExportError lastError,
		Instant lastErrorAt, int failures, String problem) {

}
