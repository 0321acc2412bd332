package org.studygate.ris;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import org.studygate.audit.AuditActor;
import org.studygate.department.Department;
import org.studygate.study.StudyOrders;

import org.springframework.stereotype.Component;

/**
 * Patient updates and merges (docs/guide/ris-interface.md): ADT^A08 brings the patient of
 * PID up to date; ADT^A40 moves the studies of the patient in MRG-1 to the one in PID-3.
 */
@Component
class PatientMessages {

	private final StudyOrders studyOrders;

	PatientMessages(StudyOrders studyOrders) {
		this.studyOrders = studyOrders;
	}

	void update(Message message, Department department) throws HL7Exception {
		studyOrders.updatePatient(department.id(), Orders.patient(new Terser(message)));
	}

	void merge(Message message, Department department, AuditActor ris) throws HL7Exception {
		Terser terser = new Terser(message);
		String prior = Orders.optional(terser, "/.MRG-1-1");
		if (prior == null) {
			throw new MessageRefused("MRG-1 (prior patient ID) is required");
		}
		if (studyOrders.mergePatient(ris, department.id(), prior, Orders.patient(terser)).isEmpty()
				&& !studyOrders.hasPatient(department.id(), prior)) {
			throw new MessageRefused("unknown patient");
		}
	}

}
