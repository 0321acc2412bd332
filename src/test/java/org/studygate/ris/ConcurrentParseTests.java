package org.studygate.ris;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.Parser;
import ca.uhn.hl7v2.util.Terser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MLLP server parses every connection's messages with its context's one generic
 * parser, whose cache of message structures HAPI fills without a lock on first use:
 * several connections sending their first messages at once must still each get their
 * segments where they belong (decision 084).
 */
class ConcurrentParseTests {

	private static final int THREADS = 8;

	@Test
	void messagesParsedAtOnceOnAFreshContextKeepTheirSegments() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			for (int round = 0; round < 1000; round++) {
				HapiContext context = Hl7.newContext();
				Parser parser = context.getGenericParser();
				CountDownLatch start = new CountDownLatch(1);
				List<Future<String>> controls = new ArrayList<>();
				for (int i = 0; i < THREADS; i++) {
					String raw = order("A" + round + "-" + i);
					controls.add(threads.submit(() -> {
						start.await();
						Message message = parser.parse(raw);
						return new Terser(message).get("/.ORC-1") + " " + new Terser(message).get("/.OBR-18");
					}));
				}
				start.countDown();
				for (int i = 0; i < THREADS; i++) {
					assertThat(controls.get(i).get()).as("round %d, message %d", round, i)
						.isEqualTo("NW A" + round + "-" + i);
				}
				context.close();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static String order(String accession) {
		return "MSH|^~\\&|RIS|RAD|SG|SG|20261204120000||ORM^O01|C" + accession + "|P|2.3\r"
				+ "PID|1||PAT1||Bench^Patient||19700101|F\rPV1|1|O||||||PN.1^Bench^Doctor\r" + "ORC|NW|P" + accession
				+ "\rOBR|1|P" + accession + "||CT^CT||||||||||||||" + accession + "\r";
	}

}
