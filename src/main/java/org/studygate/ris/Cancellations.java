package org.studygate.ris;

import org.studygate.InvalidInputException;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.study.StudyOrders;

import org.springframework.stereotype.Service;

/**
 * Cancelling a study and restoring it without HL7 (docs/api.md): for whoever manages the
 * study's access (its source admins and the service desk), with a reason that the study's
 * log keeps.
 */
@Service
public class Cancellations {

	private final StudyOrders studyOrders;

	Cancellations(StudyOrders studyOrders) {
		this.studyOrders = studyOrders;
	}

	public void cancel(Authorized managing, String reason) {
		studyOrders.cancel(managing.actor().asAuditActor(), managing.study(Action.MANAGE_ACCESS).id(), checked(reason));
	}

	public void uncancel(Authorized managing, String reason) {
		studyOrders.uncancel(managing.actor().asAuditActor(), managing.study(Action.MANAGE_ACCESS).id(),
				checked(reason));
	}

	private static String checked(String reason) {
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			throw new InvalidInputException("reason", "is required (at most 500 characters)");
		}
		return reason.strip();
	}

}
