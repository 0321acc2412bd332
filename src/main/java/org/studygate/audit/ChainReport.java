package org.studygate.audit;

import java.time.Instant;
import java.util.List;

/**
 * What verifying the chain over a period found.
 *
 * @param from start of the period verified (inclusive)
 * @param to end of the period verified (exclusive)
 * @param linksChecked how many links were recomputed
 * @param intact whether no link was broken and no entry overdue for sealing
 * @param firstBroken the first broken link in chain order, {@code null} when none
 * @param unsealedOverdue entries older than the grace period that are still not chained
 * @param headHash the hash of the last link checked, hex, to compare with a copy kept
 * elsewhere
 * @param archivedLinks links of the period whose entries were moved to archive files: not
 * recomputed here (the files can be checked on their own), but their stored hashes still
 * carry the chain to the online links after them
 * @param archived the archived months that overlap the period, each with its first and
 * last link hash as recorded (docs/decisions/045-access-log-retention.md); the report is
 * broken (ARCHIVE_MISMATCH) when the link kept online no longer has the recorded hash
 */
public record ChainReport(Instant from, Instant to, long linksChecked, boolean intact, BrokenLink firstBroken,
		long unsealedOverdue, String headHash, long archivedLinks, List<ArchivedMonth> archived) {

	public ChainReport {
		archived = archived == null ? List.of() : List.copyOf(archived);
	}

	/**
	 * A link whose hash does not follow from its predecessor and its entry.
	 *
	 * @param seq the link's position in the chain
	 * @param entryId the entry it covers
	 * @param entryAt when that entry was written
	 * @param problem ENTRY_ALTERED (the entry's content no longer gives its stored hash),
	 * ENTRY_MISSING (the entry was deleted, or its time changed), LINK_BROKEN (the link
	 * does not follow from its predecessor and the entry: one of them, or the entry with
	 * its hash, was rewritten, or entries were swapped), LINK_MISSING (the previous link
	 * was deleted)
	 */
	public record BrokenLink(long seq, long entryId, Instant entryAt, String problem) {

	}

}
