package org.studygate.ris;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.Sealing;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every HL7 v2 message from a RIS (docs/guide/ris-interface.md, decision 050): kept
 * sealed with its outcome, applied at most once per sending facility and control id
 * (MSH-4, MSH-10), and listed for the service desk, who may apply a message again.
 */
@Service
public class MessageDesk {

	private static final Logger log = LoggerFactory.getLogger(MessageDesk.class);

	private final RisStore store;

	private final MessageApplier applier;

	private final Sealing sealing;

	private final Hl7 hl7;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final MessageWriter writer;

	MessageDesk(RisStore store, MessageApplier applier, Sealing sealing, Hl7 hl7,
			PlatformTransactionManager transactions, Clock clock, MessageWriter writer) {
		this.store = store;
		this.writer = writer;
		this.applier = applier;
		this.sealing = sealing;
		this.hl7 = hl7;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/** The outcome of a message with the reason the sender is told. */
	record Result(MessageOutcome outcome, String reason) {

	}

	/**
	 * Keeps and applies a parsed message and answers its acknowledgment once the message
	 * and its outcome are committed (decision 073); a message whose control id was
	 * applied before is acknowledged again and not applied.
	 * @throws MessageNotKept when the commit failed: no acknowledgment is due
	 */
	Message receive(String raw, Message message) throws HL7Exception {
		Result result = writer.write(Hl7.Header.of(message), sealing.seal(raw), message);
		return acknowledge(message, result);
	}

	/**
	 * Applies a message kept before (a repeat of one not applied, or the desk's "Apply
	 * again") in one transaction; a refusal is kept in another.
	 */
	private Result apply(UUID id, Message message) {
		try {
			UUID department = transaction.execute(status -> applier.apply(message));
			store.settle(id, MessageOutcome.APPLIED, null, department, clock.instant());
			return new Result(MessageOutcome.APPLIED, null);
		}
		catch (MessageRefused ex) {
			store.settle(id, MessageOutcome.ERROR, ex.getMessage(), null, clock.instant());
			return new Result(MessageOutcome.ERROR, ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("RIS message {} could not be applied", id, ex);
			store.settle(id, MessageOutcome.ERROR, "could not be applied", null, clock.instant());
			return new Result(MessageOutcome.ERROR, "could not be applied");
		}
	}

	/** Keeps a message that could not be parsed. */
	void reject(String raw, String reason) {
		UUID id = UUID.randomUUID();
		store.insert(id, null, sealing.seal(raw == null ? "" : raw), clock.instant());
		store.settle(id, MessageOutcome.REJECTED, reason, null, clock.instant());
	}

	private Message acknowledge(Message message, Result result) throws HL7Exception {
		try {
			if (result.outcome() == MessageOutcome.APPLIED) {
				return message.generateACK();
			}
			return message.generateACK(AcknowledgmentCode.AE, new HL7Exception(result.reason()));
		}
		catch (java.io.IOException ex) {
			throw new HL7Exception(ex);
		}
	}

	// ---------------------------------------------------------------- the desk

	/** The newest messages, for the service desk only. */
	public List<MessageLine> newest(Actor actor, MessageOutcome outcome, int limit) {
		requireServiceDesk(actor);
		return store.newest(outcome, Math.min(Math.max(limit, 1), 500));
	}

	/** One message as the desk lists it, for the service desk only. */
	public MessageLine line(Actor actor, UUID id) {
		requireServiceDesk(actor);
		return store.line(id).orElseThrow(() -> new NotFoundException("message"));
	}

	/** The raw text of a message, for the service desk only. */
	public String raw(Actor actor, UUID id) {
		requireServiceDesk(actor);
		return sealing.open(store.find(id).orElseThrow(() -> new NotFoundException("message")).raw());
	}

	/**
	 * Applies a kept message again, once its cause is fixed (a department created, an
	 * order placed); one already applied is not applied twice.
	 */
	public MessageOutcome reapply(Actor actor, UUID id) {
		requireServiceDesk(actor);
		RisStore.Kept kept = store.find(id).orElseThrow(() -> new NotFoundException("message"));
		if (kept.outcome() == MessageOutcome.APPLIED) {
			return MessageOutcome.APPLIED;
		}
		Message message;
		try {
			message = hl7.parse(sealing.open(kept.raw()));
		}
		catch (HL7Exception ex) {
			return MessageOutcome.REJECTED;
		}
		store.countAttempt(id);
		return apply(id, message).outcome();
	}

	private static void requireServiceDesk(Actor actor) {
		if (!actor.serviceDesk()) {
			throw new AccessDeniedException("the message desk is the service desk's");
		}
	}

}
