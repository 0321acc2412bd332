package org.studygate.ris;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.Sealing;
import org.studygate.SecretBox;

import org.springframework.dao.DuplicateKeyException;
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

	MessageDesk(RisStore store, MessageApplier applier, Sealing sealing, Hl7 hl7,
			PlatformTransactionManager transactions, Clock clock) {
		this.store = store;
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
	 * Keeps and applies a parsed message and answers its acknowledgment; a message whose
	 * control id was applied before is acknowledged again and not applied.
	 */
	Message receive(String raw, Message message) throws HL7Exception {
		Result result = receive(raw, Hl7.Header.of(message), message);
		return acknowledge(message, result);
	}

	private Result receive(String raw, Hl7.Header header, Message message) {
		if (header.controlId() != null) {
			Optional<RisStore.Kept> earlier = store.findByControl(header.sendingFacility(), header.controlId());
			if (earlier.isPresent()) {
				return again(earlier.get(), message);
			}
		}
		UUID id = UUID.randomUUID();
		SecretBox.Sealed sealed = sealing.seal(raw);
		boolean[] kept = { false };
		try {
			transaction.executeWithoutResult(status -> {
				store.insert(id, header, sealed, clock.instant());
				kept[0] = true;
				UUID applied = applier.apply(message);
				store.settle(id, MessageOutcome.APPLIED, null, applied, clock.instant());
			});
			return new Result(MessageOutcome.APPLIED, null);
		}
		catch (DuplicateKeyException ex) {
			if (!kept[0]) {
				return store.findByControl(header.sendingFacility(), header.controlId())
					.map(earlier -> again(earlier, message))
					.orElseThrow(() -> ex);
			}
			return keep(id, header, sealed, failed(id, ex));
		}
		catch (MessageRefused ex) {
			return keep(id, header, sealed, new Result(MessageOutcome.ERROR, ex.getMessage()));
		}
		catch (RuntimeException ex) {
			return keep(id, header, sealed, failed(id, ex));
		}
	}

	private static Result failed(UUID id, RuntimeException ex) {
		log.warn("RIS message {} could not be applied", id, ex);
		return new Result(MessageOutcome.ERROR, "could not be applied");
	}

	/**
	 * Keeps a new message that was not applied, with its outcome, in one transaction of
	 * its own (the applying one was rolled back).
	 */
	private Result keep(UUID id, Hl7.Header header, SecretBox.Sealed sealed, Result result) {
		try {
			transaction.executeWithoutResult(status -> {
				store.insert(id, header, sealed, clock.instant());
				store.settle(id, result.outcome(), result.reason(), null, clock.instant());
			});
			return result;
		}
		catch (DuplicateKeyException ex) {
			// the same control id arrived meanwhile on another connection and was kept
			return store.findByControl(header.sendingFacility(), header.controlId())
				.map(RisStore.Kept::outcome)
				.map(outcome -> new Result(outcome, outcome == MessageOutcome.APPLIED ? null : result.reason()))
				.orElseThrow(() -> ex);
		}
	}

	private Result again(RisStore.Kept kept, Message message) {
		if (kept.outcome() == MessageOutcome.APPLIED) {
			store.countDuplicate(kept.id());
			return new Result(MessageOutcome.APPLIED, null);
		}
		store.countAttempt(kept.id());
		return apply(kept.id(), message);
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
