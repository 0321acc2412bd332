package org.studygate.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access log read in chain order, for exports that must send every entry once and in
 * order (the ATNA export, decision 059). A chained entry's place never changes and new
 * links only come after the head, so the last sequence number sent is a complete cursor.
 */
@Service
public class AuditChain {

	/** The most links one call returns. */
	public static final int MAX_BATCH = 10_000;

	private final AuditStore store;

	AuditChain(AuditStore store) {
		this.store = store;
	}

	/** Up to {@code limit} chained entries after the sequence number {@code seq}. */
	@Transactional(readOnly = true)
	public List<ChainedEntry> after(long seq, int limit) {
		return store.chainedAfter(Math.max(0, seq), Math.max(1, Math.min(limit, MAX_BATCH)));
	}

	/** The chain's last link (sequence 0 and no time when the chain is empty). */
	@Transactional(readOnly = true)
	public ChainedEntry head() {
		return store.chainHead();
	}

	/** The time of the entry at sequence {@code seq}, when it is chained. */
	@Transactional(readOnly = true)
	public Optional<Instant> at(long seq) {
		return store.linkedAt(seq);
	}

}
