package org.studygate.ris;

/**
 * A message that was understood but cannot be applied (unknown department, unknown order,
 * a required field missing): answered with {@code AE} and this reason, which names only
 * fields and never patient data.
 */
class MessageRefused extends RuntimeException {

	MessageRefused(String reason) {
		super(reason, null, false, false);
	}

}
