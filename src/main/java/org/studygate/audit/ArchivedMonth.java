package org.studygate.audit;

import java.time.Instant;
import java.time.YearMonth;

/**
 * A month of the access log moved out of the database into an archive file
 * (docs/decisions/045-access-log-retention.md), as recorded in
 * {@code audit.archived_month}.
 *
 * @param month the month whose partition was archived, detached and dropped
 * @param entries how many entries the file holds
 * @param firstSeq the chain position of its first entry ({@code null} without entries)
 * @param firstLinkHash the link hash of that entry, hex
 * @param lastSeq the chain position of its last entry
 * @param lastLinkHash the link hash of that entry, hex: the online chain continues from
 * the links after it
 * @param fileName the CSV file in the archive directory
 * @param fileSha256 the SHA-256 of that file, hex
 * @param archivedAt when it was archived
 */
public record ArchivedMonth(YearMonth month, long entries, Long firstSeq, String firstLinkHash, Long lastSeq,
		String lastLinkHash, String fileName, String fileSha256, Instant archivedAt) {

	/**
	 * Whether a link at this position, of an entry written then, lies in this archive.
	 */
	boolean holds(long seq, Instant entryAt) {
		return firstSeq != null && seq >= firstSeq && seq <= lastSeq
				&& YearMonth.from(entryAt.atZone(java.time.ZoneOffset.UTC)).equals(month);
	}

}
