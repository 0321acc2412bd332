package org.studygate.atna;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditChain;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The export against a plain TCP listener (and a UDP socket) in the test: every entry
 * leaves as a valid DICOM audit message in chain order, none is lost while the repository
 * is down, and two exporters on one cursor never both send. Each test has a cursor of its
 * own, made at the chain's head, and looks only at its own entries; the access log is
 * only read.
 */
@StudygateTest
class AtnaExportTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	AuditChain chain;

	@Autowired
	CursorStore store;

	@Autowired
	Studies studies;

	@Autowired
	AtnaExporter exporter;

	@Autowired
	Fixtures fixtures;

	@Autowired
	java.time.Clock clock;

	/** An access as any module would publish it. */
	record Accessed(Instant occurredAt, AuditActor actor, String action, AuditOutcome outcome, UUID studyId,
			Map<String, String> details) implements AuditableEvent {

	}

	/** Writes entries, one transaction each, by a user of the given name. */
	List<String> access(String user, UUID study, String... actions) {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		for (String action : actions) {
			tx.executeWithoutResult(status -> events
				.publishEvent(new Accessed(Instant.now(), new AuditActor("USER", UUID.randomUUID().toString(), user),
						action, action.endsWith("_REFUSED") || "STAFF_LOGIN".equals(action) ? AuditOutcome.DENIED
								: AuditOutcome.SUCCESS,
						study, Map.of())));
		}
		return Arrays.asList(actions);
	}

	/** A pump with a cursor of its own at the chain's head. */
	ExportPump pump(String url, Duration maxBackoff) {
		String name = "test-" + UUID.randomUUID();
		store.create(name, chain.head().seq());
		AtnaProperties settings = new AtnaProperties(url, "Test site", "studygate-test", null, null, "testhost", 200,
				null, maxBackoff, Duration.ofSeconds(2), null, null, null, null, null, 1);
		ExportPump.Parts parts = new ExportPump.Parts(store, chain, studies, new AuditMessages(settings, "testhost"),
				new SyslogFrames("testhost", settings.appName(), settings.messageId()), transactions, clock);
		return new ExportPump(name, parts, AtnaExporter.sender(AtnaTarget.parse(url), settings), settings.batch(),
				settings.maxBackoff());
	}

	static List<SyslogMessage> of(List<SyslogMessage> received, String user) {
		return received.stream().filter(message -> user.equals(message.user())).toList();
	}

	@Test
	void everyEntryLeavesAsAValidAuditMessageInChainOrder() throws Exception {
		StudyId study = fixtures.study(fixtures.department("Radiology ATNA"), "Peeters^Ann", LocalDate.now(), null);
		Study registered = studies.find(study).orElseThrow();
		String user = "Dr Atna " + Fixtures.unique();
		try (SyslogListener listener = SyslogListener.onFreePort().start()) {
			ExportPump pump = pump("tcp://127.0.0.1:" + listener.port(), Duration.ofSeconds(1));
			List<String> actions = access(user, study.value(), "STUDY_OPENED", "IMAGES_RETRIEVED", "DOWNLOADED",
					"STUDY_UNLOCKED", "UNLOCK_REFUSED");
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				pump.step();
				return of(listener.received, user).size() >= actions.size();
			});
			pump.close();
			assertThat(listener.errors).isEmpty();
			List<SyslogMessage> mine = of(listener.received, user);
			assertThat(mine).extracting(SyslogMessage::action).containsExactlyElementsOf(actions);
			assertThat(mine).extracting(SyslogMessage::eventId)
				.containsExactly("110103", "110103", "110102", "110113", "110113");
			assertThat(mine.get(4).xpath("/AuditMessage/EventIdentification/@EventOutcomeIndicator")).isEqualTo("4");
			assertThat(mine).allSatisfy(message -> {
				assertThat(message.xpath(
						"//ParticipantObjectIdentification[@ParticipantObjectTypeCode='2']" + "/@ParticipantObjectID"))
					.isEqualTo(registered.studyInstanceUid());
				assertThat(message.xpath(
						"//ParticipantObjectIdentification[@ParticipantObjectTypeCode='1']" + "/@ParticipantObjectID"))
					.isEqualTo(registered.patient().patientId());
				assertThat(message.appName()).isEqualTo("studygate");
				assertThat(message.hostname()).isEqualTo("testhost");
			});
			assertContiguous(listener.received);
		}
	}

	@Test
	void aRepositoryThatIsDownLosesNothingAndTheExportCatchesUpInOrder() throws Exception {
		String user = "Dr Outage " + Fixtures.unique();
		SyslogListener listener = SyslogListener.onFreePort();
		ExportPump pump = pump("tcp://127.0.0.1:" + listener.port(), Duration.ofSeconds(1));
		String name = cursorOf(pump);
		long start = store.find(name).lastSeq();
		List<String> before = access(user, UUID.randomUUID(), "STUDY_OPENED", "REPORT_READ", "IMAGES_VIEWED");
		await().atMost(Duration.ofSeconds(30)).until(() -> chain.head().seq() >= start + before.size());

		assertThat(pump.step()).isZero();
		CursorStore.Cursor failed = store.find(name);
		assertThat(failed.lastSeq()).as("the cursor stays where it was").isEqualTo(start);
		assertThat(failed.failures()).isPositive();
		assertThat(ExportError.named(failed.lastError())).isEqualTo(ExportError.UNREACHABLE);

		listener.start();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			pump.step();
			return of(listener.received, user).size() >= before.size();
		});
		// the repository goes down between batches and comes back
		listener.stop();
		List<String> after = access(user, UUID.randomUUID(), "STUDY_OPENED", "DOWNLOAD", "FORWARDED", "REPORT_READ");
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			pump.step();
			return store.find(name).failures() > 0;
		});
		listener.start();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			pump.step();
			return of(listener.received, user).size() >= before.size() + after.size();
		});
		pump.close();
		listener.close();
		List<String> all = new ArrayList<>(before);
		all.addAll(after);
		assertThat(listener.errors).isEmpty();
		assertThat(of(listener.received, user)).extracting(SyslogMessage::action).containsExactlyElementsOf(all);
		assertThat(store.find(name).failures()).as("reset once a batch went through").isZero();
		assertContiguous(listener.received);
	}

	@Test
	void twoExportersOnOneCursorNeverBothSendAnEntry() throws Exception {
		String user = "Dr Twice " + Fixtures.unique();
		try (SyslogListener listener = SyslogListener.onFreePort().start()) {
			ExportPump first = pump("tcp://127.0.0.1:" + listener.port(), Duration.ofSeconds(1));
			String name = cursorOf(first);
			AtnaProperties settings = new AtnaProperties("tcp://127.0.0.1:" + listener.port(), null, null, null, null,
					"testhost", 200, null, null, null, null, null, null, null, null, 1);
			ExportPump second = new ExportPump(name, exporter.parts(),
					AtnaExporter.sender(AtnaTarget.parse(settings.url()), settings), 2, Duration.ofSeconds(1));
			List<String> actions = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				actions.addAll(access(user, UUID.randomUUID(), "STUDY_OPENED", "REPORT_READ"));
			}
			ExecutorService both = Executors.newFixedThreadPool(2);
			List<Integer> passed = new CopyOnWriteArrayList<>();
			for (ExportPump pump : List.of(first, second)) {
				both.submit(() -> {
					long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
					while (of(listener.received, user).size() < actions.size() && System.nanoTime() < until) {
						passed.add(pump.step());
					}
				});
			}
			both.shutdown();
			assertThat(both.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
			first.close();
			second.close();
			// two connections: the listener may take one's last batch after the other's
			// next,
			// so the order received is not the order sent; each entry exactly once is the
			// rule
			assertThat(of(listener.received, user)).extracting(SyslogMessage::action)
				.containsExactlyInAnyOrderElementsOf(actions);
			List<Long> sequences = listener.received.stream().map(SyslogMessage::sequenceId).toList();
			assertThat(sequences).doesNotHaveDuplicates();
			assertContiguous(listener.received.stream()
				.sorted(java.util.Comparator.comparingLong(SyslogMessage::sequenceId))
				.toList());
		}
	}

	@Test
	void overTwoConnectionsOneDroppingMidwayEveryEntryArrivesAndTheCursorNeverPassesAnUnsentOne() throws Exception {
		String user = "Dr Two Lines " + Fixtures.unique();
		try (SyslogListener first = SyslogListener.onFreePort().start();
				SyslogListener second = SyslogListener.onFreePort().start()) {
			String name = "test-" + UUID.randomUUID();
			long start = chain.head().seq();
			store.create(name, start);
			java.util.Iterator<Integer> ports = List.of(first.port(), second.port()).iterator();
			// each connection to a repository of its own, so that one can go away alone
			ParallelSender sender = new ParallelSender(2, 1,
					() -> new StreamSender(AtnaTarget.parse("tcp://127.0.0.1:" + ports.next()), null, 2000));
			ExportPump pump = new ExportPump(name, exporter.parts(), sender, 400, Duration.ofSeconds(1));
			List<SyslogListener> both = List.of(first, second);
			List<String> before = access(user, UUID.randomUUID(), repeat("STUDY_OPENED", 30));
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				stepAndCheck(pump, name, start, both);
				return of(received(both), user).size() >= before.size();
			});
			assertThat(of(first.received, user)).as("each connection carried a part").isNotEmpty();
			assertThat(of(second.received, user)).isNotEmpty();

			second.stop();
			long stoppedAt = store.find(name).lastSeq();
			List<String> after = access(user, UUID.randomUUID(), repeat("REPORT_READ", 30));
			await().atMost(Duration.ofSeconds(30)).until(() -> chain.head().seq() >= stoppedAt + after.size());
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				stepAndCheck(pump, name, start, both);
				return store.find(name).failures() > 0;
			});
			assertThat(store.find(name).lastSeq()).as("one connection failed: the batch is not delivered")
				.isEqualTo(stoppedAt);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(first.received).as("the other connection's part arrived")
					.anySatisfy(message -> assertThat(message.sequenceId()).isGreaterThan(stoppedAt)));

			second.start();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
				stepAndCheck(pump, name, start, both);
				return of(received(both), user).stream().map(SyslogMessage::sequenceId).distinct().count() >= 60;
			});
			pump.close();
			assertThat(first.errors).isEmpty();
			assertThat(second.errors).isEmpty();
			List<Long> afterStop = received(both).stream()
				.map(SyslogMessage::sequenceId)
				.filter(seq -> seq > stoppedAt)
				.toList();
			assertThat(afterStop.size()).as("the part that arrived before the failure came again: at least once")
				.isGreaterThan((int) afterStop.stream().distinct().count());
			assertThat(of(received(both), user).stream().map(SyslogMessage::action).distinct())
				.containsExactlyInAnyOrder("STUDY_OPENED", "REPORT_READ");
			assertThat(store.find(name).failures()).isZero();
		}
	}

	/**
	 * One step, then: every chain position the cursor has passed since {@code start}
	 * arrived at one of the listeners.
	 */
	void stepAndCheck(ExportPump pump, String name, long start, List<SyslogListener> listeners) {
		pump.step();
		long cursor = store.find(name).lastSeq();
		// what was flushed may still be on its way through the listener's socket
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			java.util.Set<Long> arrived = new java.util.HashSet<>();
			received(listeners).forEach(message -> arrived.add(message.sequenceId()));
			for (long seq = start + 1; seq <= cursor; seq++) {
				assertThat(arrived).as("the cursor at %d passed %d", cursor, seq)
					.contains(SyslogFrames.sequenceId(seq));
			}
		});
	}

	static List<SyslogMessage> received(List<SyslogListener> listeners) {
		return listeners.stream().flatMap(listener -> listener.received.stream()).toList();
	}

	static String[] repeat(String action, int times) {
		String[] actions = new String[times];
		Arrays.fill(actions, action);
		return actions;
	}

	@Test
	void udpSendsEachMessageInADatagram() throws Exception {
		String user = "Dr Datagram " + Fixtures.unique();
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			socket.setSoTimeout(200);
			ExportPump pump = pump("udp://127.0.0.1:" + socket.getLocalPort(), Duration.ofSeconds(1));
			List<String> actions = access(user, UUID.randomUUID(), "STUDY_OPENED", "STAFF_LOGIN");
			List<SyslogMessage> received = new ArrayList<>();
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				pump.step();
				byte[] buffer = new byte[65_535];
				try {
					while (true) {
						DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
						socket.receive(packet);
						received.add(SyslogMessage.parse(Arrays.copyOf(packet.getData(), packet.getLength())));
					}
				}
				catch (java.net.SocketTimeoutException ex) {
					return of(received, user).size() >= actions.size();
				}
			});
			pump.close();
			assertThat(of(received, user)).extracting(SyslogMessage::eventId).containsExactly("110103", "110114");
		}
	}

	/** The chain positions received, first arrivals, run without a gap. */
	static void assertContiguous(List<SyslogMessage> received) {
		List<Long> firsts = received.stream().map(SyslogMessage::sequenceId).distinct().toList();
		for (int i = 1; i < firsts.size(); i++) {
			assertThat(firsts.get(i)).as("after %s", firsts.get(i - 1)).isEqualTo(firsts.get(i - 1) + 1);
		}
	}

	static String cursorOf(ExportPump pump) {
		return pump.name();
	}

}
