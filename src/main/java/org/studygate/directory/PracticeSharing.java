package org.studygate.directory;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A physician's own choice whether his practices' colleagues see his studies
 * (docs/decisions/061-practice-sharing-by-choice.md). The practice path honours it
 * together with the practice's "members see each other's studies" setting: a colleague
 * sees his studies only when both are on.
 */
@Service
public class PracticeSharing {

	private final MembershipStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PracticeSharing(MembershipStore store, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Whether the user lets his practices' colleagues see his studies (on by default).
	 */
	@Transactional(readOnly = true)
	public boolean sharesWithPractice(UserId user) {
		return store.sharesWithPractice(user);
	}

	/**
	 * The signed-in user's own choice; from the next request on. Logged
	 * (PRACTICE_SHARING_CHANGED, old → new) in the same transaction.
	 */
	@Transactional
	public boolean change(Actor actor, boolean shares) {
		if (!actor.isUser()) {
			throw new AccessDeniedException("only staff users have practices");
		}
		boolean before = store.sharesWithPractice(actor.userId());
		store.changePracticeSharing(actor.userId(), shares);
		boolean after = store.sharesWithPractice(actor.userId());
		events.publishEvent(
				new PracticeSharingChanged(clock.instant(), actor.asAuditActor(), actor.userId(), before, after));
		return after;
	}

}
