package org.studygate.atna;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.audit.AuditChain;
import org.studygate.audit.ChainedEntry;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One export's steps (decision 059): in one transaction, take the export's lock (another
 * instance holding it skips the step), read the batch after the cursor in chain order,
 * send it, and move the cursor once the repository has it. A failure leaves the cursor
 * where it was, is recorded for the service desk, and the next attempt waits longer each
 * time up to the configured maximum. An entry of an archived month has no message; it is
 * counted and passed.
 * <p>
 * While a full batch is sent, the next one is read and built on a thread of its own
 * (decision 071); the next step sends it only if the cursor is still where that batch
 * starts, otherwise it reads again. The cursor still moves only after the send.
 */
final class ExportPump {

	private static final Logger log = LoggerFactory.getLogger(ExportPump.class);

	private final String name;

	private final CursorStore store;

	private final AuditChain chain;

	private final Studies studies;

	private final AuditMessages messages;

	private final SyslogFrames frames;

	private final SyslogSender sender;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final int batch;

	private final Duration maxBackoff;

	private final ReadAhead ahead = new ReadAhead();

	/** A part of a batch is built on a thread of its own from this many messages up. */
	static final int MIN_BUILD_PART = 500;

	private final ParallelBuild builders = new ParallelBuild(Runtime.getRuntime().availableProcessors(),
			MIN_BUILD_PART);

	private final ChainReader reader;

	private final LongAdder bytesSent = new LongAdder();

	private int failures;

	private Instant nextAttempt = Instant.MIN;

	ExportPump(String name, Parts parts, SyslogSender sender, int batch, Duration maxBackoff) {
		this.name = name;
		this.store = parts.store();
		this.chain = parts.chain();
		this.studies = parts.studies();
		this.messages = parts.messages();
		this.frames = parts.frames();
		this.sender = sender;
		this.transaction = new TransactionTemplate(parts.transactions());
		this.clock = parts.clock();
		this.batch = batch;
		this.maxBackoff = maxBackoff;
		this.reader = new ChainReader(from -> chain.after(from, batch), batch);
		store.create(name, 0);
	}

	/** What every pump of the application shares. */
	record Parts(CursorStore store, AuditChain chain, Studies studies, AuditMessages messages, SyslogFrames frames,
			PlatformTransactionManager transactions, Clock clock) {

	}

	/**
	 * Sends the next batch if one is waiting and no back-off is due.
	 * @return the links passed (0: nothing to do, waiting, failed or another instance)
	 */
	synchronized int step() {
		Instant now = clock.instant();
		if (now.isBefore(nextAttempt)) {
			return 0;
		}
		try {
			Integer passed = transaction.execute(status -> {
				if (!store.tryLock(name)) {
					return 0;
				}
				CursorStore.Cursor cursor = store.find(name);
				Batch next = ahead.take(cursor.lastSeq()).orElseGet(() -> prepare(cursor.lastSeq()));
				if (next.entries() == 0) {
					return 0;
				}
				if (next.entries() == batch) {
					ahead.start(next.last(), this::prepare);
				}
				send(next.messages());
				if (!store.advance(name, cursor.lastSeq(), next.last(), next.messages().size(),
						next.entries() - next.messages().size(), clock.instant())) {
					status.setRollbackOnly();
					return 0;
				}
				return next.entries();
			});
			failures = 0;
			nextAttempt = Instant.MIN;
			return passed == null ? 0 : passed;
		}
		catch (RuntimeException ex) {
			failed(now, ex);
			return 0;
		}
	}

	/**
	 * The batch after {@code from}: its messages read and built, not yet sent. The
	 * entries are read (the next full batch's already, by the {@link ChainReader}) and
	 * their studies looked up on this thread, the messages built on as many threads as
	 * there are cores (decision 083).
	 */
	Batch prepare(long from) {
		List<ChainedEntry> entries = reader.after(from);
		Map<UUID, Optional<StudySubject>> subjects = new HashMap<>();
		List<ChainedEntry> live = new ArrayList<>(entries.size());
		for (ChainedEntry chained : entries) {
			if (!chained.archived()) {
				live.add(chained);
				UUID study = chained.entry().studyId();
				if (study != null) {
					subjects.computeIfAbsent(study, this::subject);
				}
			}
		}
		List<byte[]> out = builders.build(live, chained -> {
			UUID study = chained.entry().studyId();
			StudySubject subject = study == null ? null : subjects.get(study).orElse(null);
			return frames.message(chained.entry().at(), chained.seq(), messages.of(chained.entry(), subject));
		});
		long last = entries.isEmpty() ? from : entries.get(entries.size() - 1).seq();
		return new Batch(from, last, entries.size(), out);
	}

	private void send(List<byte[]> out) {
		try {
			if (!out.isEmpty()) {
				sender.send(out);
				long bytes = 0;
				for (byte[] message : out) {
					bytes += message.length;
				}
				bytesSent.add(bytes);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Optional<StudySubject> subject(UUID study) {
		return studies.find(new StudyId(study))
			.map((Study found) -> new StudySubject(found.studyInstanceUid(),
					found.patient() == null ? null : found.patient().patientId()));
	}

	private void failed(Instant now, RuntimeException ex) {
		failures++;
		long seconds = Math.min(maxBackoff.toSeconds(), 1L << Math.min(failures - 1, 20));
		nextAttempt = now.plusSeconds(Math.max(1, seconds));
		Throwable cause = ex instanceof UncheckedIOException io ? io.getCause() : ex;
		log.warn("ATNA export {} failed ({} in a row), next attempt in {} s: {}", name, failures, seconds,
				cause.toString());
		try {
			store.failed(name, ExportError.of(cause).name(), now);
		}
		catch (RuntimeException recording) {
			log.warn("The ATNA export's failure could not be recorded", recording);
		}
	}

	String name() {
		return name;
	}

	/**
	 * The bytes of the syslog messages this pump has delivered (sent again: counted
	 * again).
	 */
	long bytesSent() {
		return bytesSent.sum();
	}

	/** Stops sending: closes the connection and the read-ahead's thread. */
	void close() {
		ahead.close();
		reader.close();
		builders.close();
		sender.close();
	}

}
