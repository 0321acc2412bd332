package org.studygate.audit;

import java.time.Instant;

/**
 * An access log entry at its place in the chain (decision 009): the link's sequence
 * number, which only grows and has no gaps, and the entry's time. The entry itself is
 * {@code null} when its month was archived (decision 045) and only the link remains.
 */
public record ChainedEntry(long seq, Instant at, AuditEntry entry) {

	/** Whether only the link remains. */
	public boolean archived() {
		return entry == null;
	}

}
