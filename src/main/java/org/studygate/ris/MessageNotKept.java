package org.studygate.ris;

/**
 * A message whose keeping was not committed (the database failed, or the listener is
 * stopping): it is not acknowledged at all, so that its sender sends it again (decision
 * 073).
 */
class MessageNotKept extends RuntimeException {

	MessageNotKept(Throwable cause) {
		super("the message was not kept", cause);
	}

}
