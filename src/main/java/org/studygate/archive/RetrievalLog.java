package org.studygate.archive;

import java.time.Clock;
import java.time.Instant;

import org.studygate.access.Authorized;
import org.studygate.directory.Actor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the gateway's retrievals to the access log once per actor, study and window
 * (decision 018): viewing ({@link ImagesRetrieved}) and taking originals
 * ({@link OriginalsRetrieved}) each have their own window, so that a viewer's frames
 * never hide a download and the other way round.
 */
@Component
class RetrievalLog {

	private final ArchiveProperties properties;

	private final ArchiveStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LoggedWindows loggedWindows = new LoggedWindows();

	RetrievalLog(ArchiveProperties properties, ArchiveStore store, ApplicationEventPublisher events, Clock clock) {
		this.properties = properties;
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Logs the retrieval if it is the first of its window, in the caller's transaction;
	 * returns the window's key, to {@link #remember(String)} once that transaction
	 * committed.
	 */
	String logOncePerWindow(Actor actor, Authorized authorized, String kind, boolean original) {
		Instant now = clock.instant();
		long window = properties.auditWindow().toSeconds();
		Instant windowStart = Instant.ofEpochSecond(now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), window));
		String actorKey = actorKey(actor) + (original ? "|originals" : "");
		String key = actorKey + "|" + authorized.study().id().value() + "|" + windowStart;
		if (loggedWindows.known(key)) {
			return key;
		}
		if (store.openWindow(actorKey, authorized.study().id().value(), windowStart)) {
			String path = authorized.permittedBy().path().name();
			events.publishEvent(original
					? new OriginalsRetrieved(now, actor.asAuditActor(), authorized.study().id().value(), path, kind,
							windowStart)
					: new ImagesRetrieved(now, actor.asAuditActor(), authorized.study().id().value(), path, kind,
							windowStart));
		}
		return key;
	}

	/** Remembers a window whose entry is committed. */
	void remember(String key) {
		loggedWindows.remember(key);
	}

	/** Forgets the windows of retrievals that ended a day ago or more. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
	void forgetOldWindows() {
		store.forgetWindowsBefore(clock.instant().minus(properties.auditWindow()).minusSeconds(86400));
	}

	private static String actorKey(Actor actor) {
		return actor.kind().name() + ":" + (actor.userId() != null ? actor.userId().toString() : actor.name());
	}

	/**
	 * The windows this instance saw committed, so that the frames after the first skip
	 * the insert that would find the row anyway. Only spares work: the table stays the
	 * judge, and a window is remembered only after the transaction that logged (or found)
	 * it committed.
	 */
	private static final class LoggedWindows {

		private static final int MAX = 10_000;

		private final java.util.Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();

		boolean known(String key) {
			return known.contains(key);
		}

		void remember(String key) {
			if (key != null) {
				if (known.size() >= MAX) {
					known.clear();
				}
				known.add(key);
			}
		}

	}

}
