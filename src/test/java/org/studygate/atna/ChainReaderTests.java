package org.studygate.atna;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.studygate.audit.ChainedEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next batch read ahead is used only when it starts where the next read does and is
 * full (decision 083).
 */
class ChainReaderTests {

	/**
	 * A chain of links 1..{@code head} (no entries: archived links), every read recorded.
	 */
	private static final class Chain {

		volatile long head;

		final List<Long> reads = new CopyOnWriteArrayList<>();

		Chain(long head) {
			this.head = head;
		}

		List<ChainedEntry> after(long from, int limit) {
			reads.add(from);
			List<ChainedEntry> links = new ArrayList<>();
			for (long seq = from + 1; seq <= head && links.size() < limit; seq++) {
				links.add(new ChainedEntry(seq, Instant.EPOCH, null));
			}
			return links;
		}

	}

	@Test
	void afterAFullBatchTheNextIsReadAheadAndUsed() {
		Chain chain = new Chain(25);
		try (ChainReader reader = new ChainReader(from -> chain.after(from, 10), 10)) {
			assertThat(reader.after(0)).extracting(ChainedEntry::seq)
				.containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
			assertThat(reader.after(10)).extracting(ChainedEntry::seq).startsWith(11L).endsWith(20L).hasSize(10);
			// each batch read once: 0, then 10 ahead, then 20 ahead (a partial batch)
			assertThat(reader.after(20)).extracting(ChainedEntry::seq).containsExactly(21L, 22L, 23L, 24L, 25L);
			assertThat(chain.reads).containsExactly(0L, 10L, 20L, 20L);
		}
	}

	@Test
	void aPartialBatchReadAheadIsReadAgainWithWhatArrivedSince() {
		Chain chain = new Chain(13);
		try (ChainReader reader = new ChainReader(from -> chain.after(from, 10), 10)) {
			reader.after(0);
			// the read ahead of 10 may find 11..13 only; then more links arrive
			org.awaitility.Awaitility.await().until(() -> chain.reads.size() == 2);
			chain.head = 30;
			assertThat(reader.after(10)).extracting(ChainedEntry::seq).hasSize(10).endsWith(20L);
		}
	}

	@Test
	void aReadFromElsewhereDoesNotTakeTheReadAhead() {
		Chain chain = new Chain(100);
		try (ChainReader reader = new ChainReader(from -> chain.after(from, 10), 10)) {
			reader.after(0);
			assertThat(reader.after(5)).extracting(ChainedEntry::seq).startsWith(6L).endsWith(15L);
			assertThat(chain.reads).contains(0L, 5L);
		}
	}

}
