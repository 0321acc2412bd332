package org.studygate.access;

import java.util.List;

import org.studygate.directory.UserId;

/**
 * Why a user may or may not take each action on a study: for administrators only.
 *
 * @param userName the explained user's display name
 * @param unlockNeeded the study is restricted and the user, entitled to it, must unlock
 * it before opening it (decision 060)
 */
public record Explanation(UserId userId, String userName, boolean unlockNeeded, List<ActionExplanation> actions) {

	public Explanation {
		actions = List.copyOf(actions);
	}

	/**
	 * One action: permitted along every listed way in, or denied for the reason given.
	 *
	 * @param ways each way in that permits it, e.g. "via group Practice X, granted by Y
	 * on …, until …"
	 * @param notInForce grants that would permit it but are expired, not yet valid or
	 * withdrawn
	 */
	public record ActionExplanation(Action action, boolean permitted, List<String> ways, String deniedReason,
			List<String> notInForce) {

		public ActionExplanation {
			ways = List.copyOf(ways);
			notInForce = List.copyOf(notInForce);
		}

	}

}
