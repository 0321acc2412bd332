package org.studygate.access;

/**
 * The decision point's answer: permitted along a path, with the basis that made it so, or
 * denied with a reason. Callers turn a denial into 403 or 404 after it is logged.
 */
public sealed interface Decision {

	boolean isPermitted();

	/**
	 * Permitted by a path; {@code basis} says what exactly (a group, a physician number,
	 * a grant); {@code until} is when this way in ends (a grant's end, an unlock's
	 * expiry), {@code null} when it has none (a role, an order).
	 */
	record Permitted(PathName path, String basis, java.time.Instant until) implements Decision {

		/** Permitted along a way in without an end. */
		public Permitted(PathName path, String basis) {
			this(path, basis, null);
		}

		@Override
		public boolean isPermitted() {
			return true;
		}

	}

	/**
	 * Denied; {@code reason} is for the log and for administrators, never for the denied
	 * actor.
	 */
	record Denied(String reason) implements Decision {

		@Override
		public boolean isPermitted() {
			return false;
		}

	}

}
