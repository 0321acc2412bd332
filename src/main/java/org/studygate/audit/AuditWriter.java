package org.studygate.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns every {@link AuditableEvent} into an entry. The listener is synchronous, so the
 * entry is written in the publisher's transaction: the access and its entry commit
 * together or not at all (without a transaction the insert commits on its own). Within a
 * transaction the entries are inserted together just before it commits. Denials and
 * failures are written in a transaction of their own, because the request that caused
 * them usually rolls back (a denial ends in a 403/404 exception), and
 * docs/product/06-security.md wants them kept anyway; they go over a small pool of their
 * own, so that a request holding a connection never waits on its own pool for them. A
 * failure whose publisher commits it with its own writes (a refused sign-in and its
 * count, decision 075) is written in that transaction instead.
 */
@Component
class AuditWriter {

	static final int MAX_TEXT = 500;

	static final int MAX_DETAIL = 2000;

	private final AuditStore store;

	AuditWriter(AuditStore store) {
		this.store = store;
	}

	@EventListener
	void on(AuditableEvent event) {
		AuditEntry entry = entryOf(event);
		boolean withPublisher = event.outcome() == AuditOutcome.SUCCESS || event.failureCommittedByPublisher();
		if (!withPublisher || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			// a read-only transaction cannot take the insert; it changes nothing to
			// commit with, so its
			// entry is written at once rather than lost at the commit
			store.insertIndependently(entry);
		}
		else if (TransactionSynchronizationManager.isActualTransactionActive()
				&& TransactionSynchronizationManager.isSynchronizationActive()) {
			pending().add(entry);
		}
		else if (event.outcome() == AuditOutcome.SUCCESS) {
			store.insert(entry);
		}
		else {
			store.insertIndependently(entry);
		}
	}

	/**
	 * The entries of the current transaction not yet inserted. They are inserted in one
	 * batch just before the transaction commits, still inside it: if the insert fails,
	 * the commit does not happen, so the access still never commits without its entry,
	 * and a transaction writing many entries pays one round trip instead of one each.
	 */
	private List<AuditEntry> pending() {
		@SuppressWarnings("unchecked")
		List<AuditEntry> entries = (List<AuditEntry>) TransactionSynchronizationManager.getResource(this);
		if (entries == null) {
			List<AuditEntry> created = new ArrayList<>();
			TransactionSynchronizationManager.bindResource(this, created);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCommit(boolean readOnly) {
					if (!created.isEmpty()) {
						store.insertAll(List.copyOf(created));
						created.clear();
					}
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(AuditWriter.this);
				}

			});
			return created;
		}
		return entries;
	}

	/**
	 * The entry as stored: request facts added, texts bounded, the instant cut to
	 * PostgreSQL's microseconds.
	 */
	static AuditEntry entryOf(AuditableEvent event) {
		AuditContext.Request request = AuditContext.current().orElse(null);
		AuditActor actor = event.actor() == null ? new AuditActor("SYSTEM", null, "") : event.actor();
		String channel = event.accessChannel() != null ? event.accessChannel()
				: request == null ? null : request.channel();
		Map<String, String> details = new TreeMap<>();
		event.details().forEach((key, value) -> {
			if (key != null && value != null && !"channel".equals(key)) {
				details.put(text(key, 100), text(value, MAX_DETAIL));
			}
		});
		Instant at = (event.occurredAt() == null ? Instant.EPOCH : event.occurredAt()).truncatedTo(ChronoUnit.MICROS);
		return new AuditEntry(0, at, actor.kind(), text(actor.id(), 100),
				actor.name() == null ? "" : text(actor.name(), MAX_TEXT), text(channel, 20), text(event.action(), 64),
				event.outcome().name(), event.studyId(), request == null ? null : text(request.clientIp(), 64),
				request == null ? null : text(request.userAgent(), MAX_TEXT), details);
	}

	/** PostgreSQL text holds no NUL character; long values are cut. */
	private static String text(String value, int max) {
		if (value == null) {
			return null;
		}
		String clean = value.indexOf('\0') < 0 ? value : value.replace("\0", "");
		if (clean.length() <= max) {
			return clean;
		}
		return clean.substring(0, Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max);
	}

}
