package org.studygate.atna;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch's messages built on several threads keep the batch's order (decision 083). */
class ParallelBuildTests {

	@Test
	void aLargeListIsBuiltOnSeveralThreadsInItsOrder() {
		List<Integer> items = IntStream.range(0, 2_000).boxed().toList();
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		try (ParallelBuild build = new ParallelBuild(3, 500)) {
			List<byte[]> out = build.build(items, item -> {
				threads.add(Thread.currentThread());
				return Integer.toString(item).getBytes(StandardCharsets.US_ASCII);
			});
			assertThat(out).hasSize(2_000);
			for (int i = 0; i < out.size(); i++) {
				assertThat(new String(out.get(i), StandardCharsets.US_ASCII)).isEqualTo(Integer.toString(i));
			}
		}
		assertThat(threads).hasSize(3).contains(Thread.currentThread());
	}

	@Test
	void aListShorterThanTwoPartsStaysOnTheCallingThread() {
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		try (ParallelBuild build = new ParallelBuild(4, 500)) {
			List<byte[]> out = build.build(IntStream.range(0, 999).boxed().toList(), item -> {
				threads.add(Thread.currentThread());
				return new byte[] { (byte) (int) item };
			});
			assertThat(out).hasSize(999);
			assertThat(out.get(998)[0]).isEqualTo((byte) 998);
		}
		assertThat(threads).containsExactly(Thread.currentThread());
	}

	@Test
	void aFailureOnAnotherThreadFailsTheBuild() {
		try (ParallelBuild build = new ParallelBuild(2, 10)) {
			assertThatThrownBy(() -> build.build(IntStream.range(0, 100).boxed().toList(), item -> {
				if (item == 90) {
					throw new IllegalArgumentException("entry 90 cannot be written");
				}
				return new byte[0];
			})).isInstanceOf(IllegalArgumentException.class).hasMessage("entry 90 cannot be written");
		}
	}

}
