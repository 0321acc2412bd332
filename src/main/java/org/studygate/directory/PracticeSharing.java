package org.studygate.directory;

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

	PracticeSharing(MembershipStore store) {
		this.store = store;
	}

	/**
	 * Whether the user lets his practices' colleagues see his studies (on by default).
	 */
	@Transactional(readOnly = true)
	public boolean sharesWithPractice(UserId user) {
		return store.sharesWithPractice(user);
	}

	/** The signed-in user's own choice; from the next request on. */
	@Transactional
	public boolean change(Actor actor, boolean shares) {
		if (!actor.isUser()) {
			throw new AccessDeniedException("only staff users have practices");
		}
		store.changePracticeSharing(actor.userId(), shares);
		return store.sharesWithPractice(actor.userId());
	}

}
