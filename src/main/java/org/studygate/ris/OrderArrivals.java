package org.studygate.ris;

import org.studygate.audit.AuditActor;
import org.studygate.department.Departments;
import org.studygate.study.Studies;
import org.studygate.study.StudyRegistered;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A study registered after its order (from the archive or the REST API) joins the order
 * with its accession number in the same transaction, so that its requester and CC
 * physicians see it from the start, and a cancelled order's study arrives cancelled.
 */
@Component
class OrderArrivals {

	private final Studies studies;

	private final Departments departments;

	private final Orders orders;

	OrderArrivals(Studies studies, Departments departments, Orders orders) {
		this.studies = studies;
		this.departments = departments;
		this.orders = orders;
	}

	@EventListener
	void onRegistered(StudyRegistered registered) {
		studies.find(registered.id())
			.filter(study -> study.accessionNumber() != null)
			.ifPresent(study -> departments.find(study.departmentId())
				.ifPresent(department -> orders.onRegistered(study.id(), department, study.accessionNumber(),
						new AuditActor("SYSTEM", null, "RIS " + department.code().value()))));
	}

}
