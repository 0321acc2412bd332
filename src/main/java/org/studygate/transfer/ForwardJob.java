package org.studygate.transfer;

import org.studygate.audit.AuditActor;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

/**
 * A forward claimed by the worker (decision 022).
 *
 * @param attempts the attempts made, this one included once it is started
 * @param instancesDone where the progress stood when it was claimed
 * @param resumed whether it was running when its worker was lost
 */
record ForwardJob(TransferId id, StudyId studyId, DestinationId destinationId, UserId userId, String userName,
		String target, int attempts, int instancesDone, boolean resumed) {

	/** The requester, whom the ending is logged for. */
	AuditActor actor() {
		return new AuditActor("USER", userId == null ? null : userId.toString(), userName);
	}

	/** The job with this attempt counted. */
	ForwardJob started() {
		return new ForwardJob(id, studyId, destinationId, userId, userName, target, attempts + 1, instancesDone,
				resumed);
	}

}
