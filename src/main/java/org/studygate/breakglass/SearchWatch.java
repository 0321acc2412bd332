package org.studygate.breakglass;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.studygate.directory.Actor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Watches the emergency-access search for guessing (decision 034): refuses a user or an
 * address over its limits (logged), counts every search that offered nothing, and reports
 * a burst of misses by one user once, for the mail to the source admins.
 */
@Component
class SearchWatch {

	private final SearchThrottle throttle;

	private final UnlockStore store;

	private final ApplicationEventPublisher events;

	private final int alertMisses;

	private final Duration window;

	SearchWatch(SearchThrottle throttle, UnlockStore store, ApplicationEventPublisher events,
			@Value("${studygate.break-glass.search.alert-misses:5}") int alertMisses,
			@Value("${studygate.break-glass.search.window:PT1H}") Duration window) {
		this.throttle = throttle;
		this.store = store;
		this.events = events;
		this.alertMisses = alertMisses;
		this.window = window;
	}

	/**
	 * Lets the search be made, or logs its refusal and throws.
	 * @throws SearchThrottledException when the user or the address is over a limit
	 */
	void admit(Actor actor, String patientId, Instant now, String client) {
		SearchThrottle.Limit limit = throttle.admit(actor.userId().value(), client);
		if (limit != null) {
			events.publishEvent(new EmergencySearchThrottled(now, actor.asAuditActor(), patientId, limit.name()));
			throw new SearchThrottledException();
		}
	}

	/**
	 * Counts a search that offered nothing and, at the burst's threshold, reports it
	 * once.
	 * @param departments the departments holding a study of the patient ID searched
	 */
	void missed(Actor actor, String patientId, Collection<UUID> departments, Instant now, String client) {
		UUID user = actor.userId().value();
		throttle.missed(user, client);
		store.recordMiss(user, patientId, departments, now);
		List<UnlockStore.Miss> burst = store.missesSince(user, now.minus(window));
		if (burst.size() >= alertMisses && store.claimAlert(user, now, window)) {
			events.publishEvent(new EmergencySearchMissesReported(now, actor.asAuditActor(), burst.size(),
					burst.stream().map(UnlockStore.Miss::patientId).distinct().toList(),
					burst.stream().flatMap(m -> m.departments().stream()).distinct().toList()));
		}
	}

}
