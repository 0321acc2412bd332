package org.studygate.audit;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.studygate.StudygateTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sealer's chain step in the database (decision 077, a PL/pgSQL function since
 * decision 068's SQL one) computes exactly the links {@link EntryHash#link} computes,
 * which verification uses: links sealed before and after the change verify alike.
 */
@StudygateTest
class ChainStepTests {

	@Autowired
	JdbcClient jdbc;

	private final SecureRandom random = new SecureRandom();

	private byte[] randomHash() {
		byte[] hash = new byte[EntryHash.SIZE];
		this.random.nextBytes(hash);
		return hash;
	}

	@Test
	void theRunningAggregateComputesTheLinksVerificationExpects() {
		byte[] head = randomHash();
		List<byte[]> entries = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			entries.add(randomHash());
		}
		List<byte[]> expected = new ArrayList<>();
		byte[] previous = head;
		for (byte[] entry : entries) {
			previous = EntryHash.link(previous, entry);
			expected.add(previous);
		}
		List<byte[]> computed = chain(head, entries.toArray(new byte[0][]));
		assertThat(computed).hasSize(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			assertThat(computed.get(i)).as("link %d", i).isEqualTo(expected.get(i));
		}
	}

	@Test
	void aChangedEntryHashChangesItsLinkAndEveryLinkAfterIt() {
		byte[] head = randomHash();
		byte[][] entries = { randomHash(), randomHash(), randomHash() };
		List<byte[]> original = chain(head, entries);
		entries[1] = entries[1].clone();
		entries[1][0] ^= 1;
		List<byte[]> changed = chain(head, entries);
		assertThat(changed.get(0)).isEqualTo(original.get(0));
		assertThat(changed.get(1)).isNotEqualTo(original.get(1));
		assertThat(changed.get(2)).isNotEqualTo(original.get(2));
	}

	private List<byte[]> chain(byte[] head, byte[][] entries) {
		return jdbc.sql("""
				select audit.chain(:head, h) over (order by n rows between unbounded preceding and current row)
				from unnest(cast(:hashes as bytea[])) with ordinality as t(h, n) order by n
				""").param("head", head).param("hashes", entries).query(byte[].class).list();
	}

}
