package org.studygate.breakglass;

import java.time.Clock;
import java.time.Instant;

import org.studygate.audit.AuditActor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records in the access log the end of each unlock that expired (Emergency Override
 * Stopped). An unlock stops permitting at its expiry whatever this sweep does; the sweep
 * only writes the entry, once per unlock, within a minute.
 */
@Component
class UnlockExpiry {

	private final UnlockStore store;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	UnlockExpiry(UnlockStore store, ApplicationEventPublisher events, PlatformTransactionManager transactions,
			Clock clock) {
		this.store = store;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${studygate.break-glass.expiry-sweep:PT1M}", initialDelayString = "PT20S")
	void sweep() {
		recordExpiries();
	}

	/**
	 * Records the end of every unlock that expired by now and whose end is not yet
	 * recorded, each once and in its own transaction (running it twice records nothing
	 * twice).
	 * @return how many expiries were recorded
	 */
	int recordExpiries() {
		return recordExpiries(clock.instant());
	}

	int recordExpiries(Instant now) {
		int recorded = 0;
		for (UnlockId id : store.expiredUnrecorded(now, 500)) {
			Boolean done = transaction.execute(status -> {
				if (!store.claimExpiry(id, now)) {
					return false;
				}
				Unlock unlock = store.find(id).orElseThrow();
				events.publishEvent(new UnlockExpired(now,
						new AuditActor("USER", unlock.userId().toString(), unlock.userName()), unlock.id().value(),
						unlock.studyId().value(), unlock.expiresAt(), unlock.purpose(), unlock.reason()));
				return true;
			});
			if (Boolean.TRUE.equals(done)) {
				recorded++;
			}
		}
		return recorded;
	}

}
