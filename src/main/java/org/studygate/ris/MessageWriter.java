package org.studygate.ris;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import ca.uhn.hl7v2.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.SecretBox;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of the messages the listener receives (decision 073): it takes the
 * parsed messages of all connections from a queue, keeps and applies each under its own
 * savepoint (declared with its first statement, decision 072) inside one transaction per
 * batch, commits once, and only then answers each waiting connection, so that concurrent
 * connections share one durable commit and an acknowledgment still means "kept, with its
 * outcome". A message that is refused or fails is rolled back to its savepoint and kept
 * with its outcome; the others are not touched. A batch whose commit fails is tried again
 * message by message; a message whose own commit fails is answered with nothing
 * ({@link MessageNotKept}), and its sender sends it again.
 */
@Component
class MessageWriter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

	/** The most messages committed together. */
	static final int MAX_BATCH = 64;

	/** How long a connection waits for its message's commit before it answers nothing. */
	private static final long WAIT_SECONDS = 30;

	private final BlockingQueue<Incoming> queue = new LinkedBlockingQueue<>();

	private final RisStore store;

	private final MessageApplier applier;

	private final TransactionTemplate transaction;

	private final Savepoint savepoint;

	private final Clock clock;

	private Thread thread;

	private volatile boolean stopped;

	MessageWriter(RisStore store, MessageApplier applier, PlatformTransactionManager transactions, Clock clock) {
		this.store = store;
		this.applier = applier;
		this.transaction = new TransactionTemplate(transactions);
		this.savepoint = new Savepoint(transactions);
		this.clock = clock;
	}

	/** A message waiting for the writer, and the connection's answer to come. */
	record Incoming(UUID id, Hl7.Header header, SecretBox.Sealed sealed, Message message,
			CompletableFuture<MessageDesk.Result> done) {

		Incoming(Hl7.Header header, SecretBox.Sealed sealed, Message message) {
			this(UUID.randomUUID(), header, sealed, message, new CompletableFuture<>());
		}

	}

	/**
	 * Keeps and applies the message with those of the other connections and answers its
	 * outcome once it is committed.
	 * @throws MessageNotKept when its commit failed or did not come in time
	 */
	MessageDesk.Result write(Hl7.Header header, SecretBox.Sealed sealed, Message message) {
		Incoming incoming = new Incoming(header, sealed, message);
		start();
		queue.add(incoming);
		try {
			return incoming.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MessageNotKept(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new MessageNotKept(ex);
		}
	}

	private synchronized void start() {
		if (stopped) {
			throw new MessageNotKept(null);
		}
		if (thread == null) {
			thread = new Thread(this::run, "hl7-writer");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private void run() {
		List<Incoming> batch = new ArrayList<>();
		while (!stopped) {
			try {
				batch.add(queue.take());
			}
			catch (InterruptedException ex) {
				break;
			}
			queue.drainTo(batch, MAX_BATCH - 1);
			try {
				writeTogether(batch);
			}
			catch (RuntimeException | Error ex) {
				log.error("RIS messages could not be written", ex);
				batch.forEach(incoming -> incoming.done().completeExceptionally(ex));
			}
			batch.clear();
		}
		List<Incoming> left = new ArrayList<>();
		queue.drainTo(left);
		left.forEach(incoming -> incoming.done().completeExceptionally(new MessageNotKept(null)));
	}

	/**
	 * Commits the messages together and then answers each; when the commit fails, each is
	 * tried alone, and one that fails alone is answered with nothing.
	 */
	void writeTogether(List<Incoming> batch) {
		List<MessageDesk.Result> results;
		try {
			results = transaction.execute(status -> IntStream.range(0, batch.size())
				.mapToObj(i -> write(batch.get(i), "ris_message_" + i))
				.toList());
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				log.warn("RIS message {} was not committed and is not acknowledged", batch.get(0).id(), ex);
				batch.get(0).done().completeExceptionally(ex);
				return;
			}
			log.warn("a batch of {} RIS messages was not committed; each is tried alone", batch.size(), ex);
			batch.forEach(incoming -> writeTogether(List.of(incoming)));
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).done().complete(results.get(i));
		}
	}

	/**
	 * One message of the batch, under its own savepoint, which its row's insert declares
	 * and which is never released: no round trip of its own (decision 072). The row is
	 * kept as applied at once; when the message fails, its savepoint, row included, is
	 * rolled back and the message kept with its outcome.
	 */
	private MessageDesk.Result write(Incoming incoming, String name) {
		Instant now = clock.instant();
		try {
			UUID department = applier.find(incoming.header().sendingFacility())
				.map(found -> found.id().value())
				.orElse(null);
			boolean applied = savepoint.runDeclared(() -> {
				if (!store.insertApplied(name, incoming.id(), incoming.header(), incoming.sealed(), department, now)) {
					return false;
				}
				UUID to = applier.apply(incoming.message());
				if (!to.equals(department)) {
					// the department changed between the two look-ups
					store.settle(incoming.id(), MessageOutcome.APPLIED, null, to, now);
				}
				return true;
			}, () -> store.rollbackTo(name));
			return applied ? applied() : again(incoming, now);
		}
		catch (MessageRefused ex) {
			return keep(incoming, new MessageDesk.Result(MessageOutcome.ERROR, ex.getMessage()), now);
		}
		catch (RuntimeException ex) {
			return keep(incoming, failed(incoming.id(), ex), now);
		}
	}

	/**
	 * A message whose control id is kept already (sent before, or twice in this batch):
	 * acknowledged again when it was applied, applied again when it was not.
	 */
	private MessageDesk.Result again(Incoming incoming, Instant now) {
		RisStore.Kept earlier = store.findByControl(incoming.header().sendingFacility(), incoming.header().controlId())
			.orElseThrow(() -> new IllegalStateException("a control id kept without its message"));
		if (earlier.outcome() == MessageOutcome.APPLIED) {
			store.countDuplicate(earlier.id());
			return applied();
		}
		store.countAttempt(earlier.id());
		MessageDesk.Result result;
		UUID department = null;
		try {
			department = savepoint.run(() -> applier.apply(incoming.message()));
			result = applied();
		}
		catch (MessageRefused ex) {
			result = new MessageDesk.Result(MessageOutcome.ERROR, ex.getMessage());
		}
		catch (RuntimeException ex) {
			result = failed(earlier.id(), ex);
		}
		store.settle(earlier.id(), result.outcome(), result.reason(), department, now);
		return result;
	}

	/**
	 * Keeps a new message that was not applied, with its outcome (its savepoint, row
	 * included, was rolled back); when the same control id was kept meanwhile, answers
	 * that one's outcome.
	 */
	private MessageDesk.Result keep(Incoming incoming, MessageDesk.Result result, Instant now) {
		if (store.insertSettled(incoming.id(), incoming.header(), incoming.sealed(), result.outcome(), result.reason(),
				now)) {
			return result;
		}
		MessageOutcome outcome = store.findByControl(incoming.header().sendingFacility(), incoming.header().controlId())
			.map(RisStore.Kept::outcome)
			.orElseThrow(() -> new IllegalStateException("a control id kept without its message"));
		return new MessageDesk.Result(outcome, outcome == MessageOutcome.APPLIED ? null : result.reason());
	}

	private static MessageDesk.Result applied() {
		return new MessageDesk.Result(MessageOutcome.APPLIED, null);
	}

	private static MessageDesk.Result failed(UUID id, RuntimeException ex) {
		log.warn("RIS message {} could not be applied", id, ex);
		return new MessageDesk.Result(MessageOutcome.ERROR, "could not be applied");
	}

	@Override
	public synchronized void destroy() {
		stopped = true;
		if (thread != null) {
			thread.interrupt();
		}
	}

}
