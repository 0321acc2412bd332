package org.studygate.ris;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ca.uhn.hl7v2.model.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.OwnerDatabase;
import org.studygate.Sealing;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.Department;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The listener's messages share commits (decision 073): several connections at once each
 * get their own right answer and every message is kept once; the same control id twice in
 * one batch is applied once; a message that fails in a batch leaves the others applied; a
 * batch whose commit fails answers none of its messages and keeps nothing of them.
 */
class SharedCommitTests extends ListenerContext {

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageWriter writer;

	@Autowired
	Hl7 hl7;

	@Autowired
	Sealing sealing;

	Department department;

	@BeforeEach
	void setUp() {
		department = fixtures.department("Radiology shared commits");
	}

	@Test
	void severalConnectionsAtOnceEachGetTheirOwnAnswersAndEveryMessageIsKeptOnce() throws Exception {
		int connections = 6;
		int perConnection = 12;
		List<List<String>> sent = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			List<String> messages = new ArrayList<>();
			for (int i = 0; i < perConnection; i++) {
				messages.add(switch (i % 3) {
					case 0 -> order(Fixtures.unique());
					case 1 -> report(Fixtures.unique());
					default -> unknownDepartment();
				});
			}
			sent.add(messages);
		}
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		try {
			List<Future<List<String>>> answers = new ArrayList<>();
			for (List<String> messages : sent) {
				answers.add(pool.submit(() -> sendOverOneConnection(messages)));
			}
			for (int c = 0; c < connections; c++) {
				List<String> acks = answers.get(c).get();
				for (int i = 0; i < perConnection; i++) {
					String message = sent.get(c).get(i);
					String ack = acks.get(i);
					assertThat(msa(ack, 2)).as("the answer names its own message").isEqualTo(control(message));
					assertThat(RisSender.ackCode(ack)).as(ack).isEqualTo(i % 3 == 0 ? "AA" : "AE");
					assertThat(ack)
						.contains(i % 3 == 0 ? "MSA|AA" : i % 3 == 1 ? "unknown order" : "unknown department");
					assertThat(kept(control(message))).as("kept once").isEqualTo(1);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void theSameControlIdTwiceInOneBatchIsAppliedOnceAndTheSecondAnsweredAsARepeat() {
		String accession = "A" + Fixtures.unique();
		String raw = order(accession);
		MessageWriter.Incoming first = incoming(raw);
		MessageWriter.Incoming second = incoming(raw);

		writer.writeTogether(List.of(first, second));

		assertThat(first.done().join().outcome()).isEqualTo(MessageOutcome.APPLIED);
		assertThat(second.done().join().outcome()).isEqualTo(MessageOutcome.APPLIED);
		assertThat(kept(control(raw))).isEqualTo(1);
		assertThat(jdbc.sql("select duplicates from ris.message where control_id = :c")
			.param("c", control(raw))
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(orders(accession)).isEqualTo(1);
	}

	@Test
	void aMessageFailingInABatchLeavesTheOthersAppliedAndIsKeptWithItsOutcome() {
		String before = "A" + Fixtures.unique();
		String poisoned = "A" + Fixtures.unique();
		String after = "A" + Fixtures.unique();
		// the RIS order is written, then the patient's name cannot be stored: the
		// database refuses the statement and the message's savepoint is rolled back
		String poison = order(poisoned).replace("Bench^Patient", "Bench\u0000^Patient");
		String refused = report("A" + Fixtures.unique());
		List<MessageWriter.Incoming> batch = List.of(incoming(order(before)), incoming(poison), incoming(refused),
				incoming(order(after)));

		writer.writeTogether(batch);

		assertThat(batch.stream().map(m -> m.done().join().outcome()).toList()).containsExactly(MessageOutcome.APPLIED,
				MessageOutcome.ERROR, MessageOutcome.ERROR, MessageOutcome.APPLIED);
		assertThat(batch.get(1).done().join().reason()).isEqualTo("could not be applied");
		assertThat(batch.get(2).done().join().reason()).isEqualTo("unknown order");
		assertThat(orders(before)).isEqualTo(1);
		assertThat(orders(after)).isEqualTo(1);
		assertThat(orders(poisoned)).as("the failed message's own writes are undone").isZero();
		assertThat(outcome(control(poison))).isEqualTo("ERROR");
		assertThat(outcome(control(refused))).isEqualTo("ERROR");
	}

	@Test
	void eachMessageIsUndoneToItsOwnSavepointAndTheAppliedAreKeptWithTheirDepartment() {
		String first = "A" + Fixtures.unique();
		String poisoned = "A" + Fixtures.unique();
		String last = "A" + Fixtures.unique();
		String poison = order(poisoned).replace("Bench^Patient", "Bench\u0000^Patient");
		List<MessageWriter.Incoming> batch = List.of(incoming(report("A" + Fixtures.unique())), incoming(order(first)),
				incoming(poison), incoming(unknownDepartment()), incoming(order(last)));

		writer.writeTogether(batch);

		assertThat(batch.stream().map(m -> m.done().join().reason()).toList()).containsExactly("unknown order", null,
				"could not be applied", "unknown department", null);
		assertThat(orders(first)).as("not undone by the failure right after it").isEqualTo(1);
		assertThat(orders(last)).isEqualTo(1);
		assertThat(orders(poisoned)).isZero();
		for (MessageWriter.Incoming message : batch) {
			assertThat(kept(control(message))).as("kept once").isEqualTo(1);
		}
		for (int i : new int[] { 1, 4 }) {
			assertThat(jdbc
				.sql("select department_id is not distinct from :d and applied_at is not null "
						+ "and reason is null from ris.message where control_id = :c and outcome = 'APPLIED'")
				.param("d", department.id().value())
				.param("c", control(batch.get(i)))
				.query(Boolean.class)
				.single()).isTrue();
		}
		for (int i : new int[] { 0, 2, 3 }) {
			assertThat(jdbc
				.sql("select department_id is null and applied_at is null from ris.message "
						+ "where control_id = :c and outcome = 'ERROR'")
				.param("c", control(batch.get(i)))
				.query(Boolean.class)
				.single()).isTrue();
		}
	}

	@Test
	void aDeclaredSavepointDropsTheFailedMessagesHooksAndKeepsTheTransactionCommittable(
			@Autowired ApplicationEventPublisher events, @Autowired PlatformTransactionManager transactions,
			@Autowired RisStore store) {
		String refused = "RIS declared refused " + Fixtures.unique();
		String applied = "RIS declared applied " + Fixtures.unique();
		Savepoint savepoint = new Savepoint(transactions);
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			assertThatThrownBy(() -> savepoint.runDeclared(() -> {
				jdbc.sql("savepoint ris_message_0").update();
				events.publishEvent(placed(refused));
				// a participant that fails marks the whole transaction rollback-only
				new TransactionTemplate(transactions).executeWithoutResult(inner -> inner.setRollbackOnly());
				throw new MessageRefused("refused");
			}, () -> store.rollbackTo("ris_message_0"))).isInstanceOf(MessageRefused.class);
			savepoint.runDeclared(() -> {
				events.publishEvent(placed(applied));
				return null;
			}, () -> store.rollbackTo("ris_message_1"));
		});

		assertThat(entries(refused)).isZero();
		assertThat(entries(applied)).as("committed").isEqualTo(1);
	}

	@Test
	void aBatchWhoseCommitFailsAnswersNoneOfItsMessagesAndKeepsNothingOfThem() {
		String prefix = "CRASH" + Fixtures.unique();
		withCommitFailingFor(prefix, () -> {
			String crashing = order("A" + Fixtures.unique(), prefix + "A");
			String crashingToo = order("A" + Fixtures.unique(), prefix + "B");
			List<MessageWriter.Incoming> all = List.of(incoming(crashing), incoming(crashingToo));

			writer.writeTogether(all);

			for (MessageWriter.Incoming message : all) {
				assertThat(message.done()).isCompletedExceptionally();
				assertThat(kept(control(message))).isZero();
			}

			String accession = "A" + Fixtures.unique();
			MessageWriter.Incoming fine = incoming(order(accession));
			MessageWriter.Incoming crash = incoming(order("A" + Fixtures.unique(), prefix + "C"));

			writer.writeTogether(List.of(crash, fine));

			assertThat(crash.done()).isCompletedExceptionally();
			assertThat(kept(control(crash))).isZero();
			assertThat(fine.done().join().outcome()).as("tried again alone").isEqualTo(MessageOutcome.APPLIED);
			assertThat(orders(accession)).isEqualTo(1);
		});
	}

	@Test
	void aMessageWhoseOwnCommitIsRefusedIsKeptAsRejectedAndAnsweredAr() {
		String prefix = "CRASH" + Fixtures.unique();
		String crash = order("A" + Fixtures.unique(), prefix + "R");
		long rejectedBefore = rejectedNotKept();
		withCommitFailingFor(prefix, () -> {
			String ack = RisSender.sendRaw(PORT, crash);
			assertThat(RisSender.ackCode(ack)).as("the sender's queue is not blocked for ever").isEqualTo("AR");
			assertThat(ack).contains("could not be kept")
				.doesNotContainIgnoringCase("commit refused")
				.doesNotContainIgnoringCase("exception")
				.doesNotContain("SQL");
		});
		assertThat(kept(control(crash))).as("not applied").isZero();
		assertThat(rejectedNotKept()).as("kept as rejected for the desk").isEqualTo(rejectedBefore + 1);
	}

	@Test
	void aMessageIsNotAcknowledgedWhileTheDatabaseKeepsNoMessageAtAll() throws IOException {
		String prefix = "CRASH" + Fixtures.unique();
		String crash = order("A" + Fixtures.unique(), prefix + "S");
		withEveryMessageRefused(prefix, () -> {
			try (Socket socket = new Socket("localhost", PORT)) {
				socket.setSoTimeout(5_000);
				write(socket.getOutputStream(), crash);
				assertThatThrownBy(() -> RisSender.readFrame(socket.getInputStream()))
					.isInstanceOf(SocketTimeoutException.class);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		assertThat(kept(control(crash))).isZero();

		String ack = RisSender.sendRaw(PORT, crash);

		assertThat(RisSender.ackCode(ack)).as("sent again once the database commits").isEqualTo("AA");
		assertThat(kept(control(crash))).isEqualTo(1);
	}

	@Test
	void aFailedMessagesLogEntriesAndHooksAreDroppedWithItsSavepoint(@Autowired ApplicationEventPublisher events,
			@Autowired PlatformTransactionManager transactions) {
		String refused = "RIS refused " + Fixtures.unique();
		String applied = "RIS applied " + Fixtures.unique();
		Savepoint savepoint = new Savepoint(transactions);
		List<String> ran = new CopyOnWriteArrayList<>();
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			assertThatThrownBy(() -> savepoint.run(() -> {
				events.publishEvent(placed(refused));
				TransactionSynchronizationManager.registerSynchronization(afterCommit(() -> ran.add(refused)));
				throw new MessageRefused("refused");
			})).isInstanceOf(MessageRefused.class);
			savepoint.run(() -> {
				events.publishEvent(placed(applied));
				TransactionSynchronizationManager.registerSynchronization(afterCommit(() -> ran.add(applied)));
				return null;
			});
		});

		assertThat(ran).containsExactly(applied);
		assertThat(entries(refused)).isZero();
		assertThat(entries(applied)).isEqualTo(1);
	}

	// ---------------------------------------------------------------- helpers

	private static OrderPlaced placed(String actor) {
		return new OrderPlaced(Instant.now(), new AuditActor("SYSTEM", null, actor), null, AuditOutcome.SUCCESS,
				Map.of());
	}

	private static TransactionSynchronization afterCommit(Runnable hook) {
		return new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				hook.run();
			}

		};
	}

	private long entries(String actor) {
		return jdbc.sql("select count(*) from audit.entry where actor_name = :a")
			.param("a", actor)
			.query(Long.class)
			.single();
	}

	private List<String> sendOverOneConnection(List<String> messages) throws IOException {
		List<String> acks = new ArrayList<>();
		try (Socket socket = new Socket("localhost", PORT)) {
			socket.setSoTimeout(60_000);
			for (String message : messages) {
				write(socket.getOutputStream(), message);
				acks.add(RisSender.readFrame(socket.getInputStream()));
			}
		}
		return acks;
	}

	private static void write(OutputStream out, String message) throws IOException {
		out.write(("\u000b" + message + "\u001c\r").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** A commit that fails for the messages whose control id starts with the prefix. */
	private void withCommitFailingFor(String prefix, Runnable test) {
		withTrigger(prefix, "new.control_id like '" + prefix + "%'", test);
	}

	/** Every message refused by the database, kept as rejected or not. */
	private void withEveryMessageRefused(String prefix, Runnable test) {
		withTrigger(prefix, "true", test);
	}

	private void withTrigger(String prefix, String when, Runnable test) {
		String name = "k_" + prefix.toLowerCase();
		JdbcClient owner = JdbcClient.create(OwnerDatabase.dataSource());
		owner
			.sql("create function ris." + name + "() returns trigger language plpgsql as $$ begin "
					+ "raise exception 'commit refused'; end $$")
			.update();
		owner
			.sql("create constraint trigger " + name + " after insert on ris.message deferrable initially deferred "
					+ "for each row when (" + when + ") execute function ris." + name + "()")
			.update();
		try {
			test.run();
		}
		finally {
			owner.sql("drop trigger " + name + " on ris.message").update();
			owner.sql("drop function ris." + name + "()").update();
		}
	}

	private long rejectedNotKept() {
		return jdbc.sql("select count(*) from ris.message where outcome = 'REJECTED' and reason = 'could not be kept'")
			.query(Long.class)
			.single();
	}

	private MessageWriter.Incoming incoming(String raw) {
		try {
			Message message = hl7.parse(raw);
			return new MessageWriter.Incoming(Hl7.Header.of(message), sealing.seal(raw), message);
		}
		catch (ca.uhn.hl7v2.HL7Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String order(String accession) {
		return order(accession, "O" + Fixtures.unique());
	}

	private String order(String accession, String control) {
		return message("ORM^O01", control, department.code().value(), "PV1|1|O||||||PN.BENCH.1^Bench^Doctor",
				"ORC|NW|P" + accession, "OBR|1|P" + accession + "||CT^CT||||||||||||||" + accession);
	}

	private String report(String accession) {
		return message("ORU^R01", "R" + Fixtures.unique(), department.code().value(), "ORC|RE|P" + accession,
				"OBR|1|P" + accession + "||CT^CT||||||||||||||" + accession + "||||202612041200|||F",
				"OBX|1|TX|REPORT^Report||No abnormality.||||||F");
	}

	private static String unknownDepartment() {
		return message("ORM^O01", "U" + Fixtures.unique(), "NOSUCH" + Fixtures.unique(), "ORC|NW|PX",
				"OBR|1|PX||CT^CT||||||||||||||X" + Fixtures.unique());
	}

	private static String message(String type, String control, String facility, String... segments) {
		return "MSH|^~\\&|RIS|" + facility + "|SG|SG|20261204120000||" + type + "|" + control + "|P|2.3\r"
				+ "PID|1||PAT" + control + "||Bench^Patient||19700101|F\r" + String.join("\r", segments) + "\r";
	}

	private static String control(String raw) {
		return raw.substring(0, raw.indexOf('\r')).split("\\|")[9];
	}

	private static String control(MessageWriter.Incoming message) {
		return message.header().controlId();
	}

	private static String msa(String ack, int field) {
		for (String segment : ack.split("\r")) {
			if (segment.startsWith("MSA|")) {
				return segment.split("\\|")[field];
			}
		}
		throw new AssertionError("no MSA segment in " + ack);
	}

	private long kept(String control) {
		return jdbc.sql("select count(*) from ris.message where control_id = :c")
			.param("c", control)
			.query(Long.class)
			.single();
	}

	private String outcome(String control) {
		return jdbc.sql("select outcome from ris.message where control_id = :c")
			.param("c", control)
			.query(String.class)
			.single();
	}

	private long orders(String accession) {
		return jdbc.sql("select count(*) from ris.ris_order where accession_number = :a")
			.param("a", accession)
			.query(Long.class)
			.single();
	}

}
