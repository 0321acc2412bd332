package org.studygate.ris;

import java.time.Clock;
import java.util.UUID;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import org.studygate.audit.AuditActor;
import org.studygate.department.Department;

import org.springframework.stereotype.Component;

/**
 * Applies one parsed message of a department's RIS: finds the department by the sending
 * facility (MSH-4 is its code or mapped in its settings; kept in memory, decision 072)
 * and hands the message to what its type asks for.
 */
@Component
class MessageApplier {

	private final SendingFacilities departments;

	private final Orders orders;

	private final ReportMessages reports;

	private final PatientMessages patients;

	private final Clock clock;

	MessageApplier(SendingFacilities departments, Orders orders, ReportMessages reports, PatientMessages patients,
			Clock clock) {
		this.departments = departments;
		this.patients = patients;
		this.orders = orders;
		this.reports = reports;
		this.clock = clock;
	}

	/**
	 * @return the department the message was applied to
	 */
	UUID apply(Message message) {
		try {
			return applyParsed(message);
		}
		catch (HL7Exception ex) {
			throw new MessageRefused("a field could not be read (" + ex.getMessage() + ")");
		}
	}

	private UUID applyParsed(Message message) throws HL7Exception {
		Hl7.Header header = Hl7.Header.of(message);
		Department department = department(header.sendingFacility());
		AuditActor ris = new AuditActor("SYSTEM", null, "RIS " + department.code().value());
		String type = header.messageType() == null ? "" : header.messageType();
		switch (type) {
			case "ORM^O01", "OMI^O23" -> orders.apply(message, department, ris);
			case "ORU^R01" -> reports.apply(message, department, clock.instant());
			case "ADT^A08" -> patients.update(message, department);
			case "ADT^A40" -> patients.merge(message, department, ris);
			default -> throw new MessageRefused("message type " + type + " is not applied");
		}
		return department.id().value();
	}

	/** The department of the sending facility, when one is known. */
	java.util.Optional<Department> find(String facility) {
		return departments.find(facility);
	}

	Department department(String facility) {
		if (facility == null) {
			throw new MessageRefused("MSH-4 (sending facility) is required");
		}
		return departments.find(facility).orElseThrow(() -> new MessageRefused("unknown department"));
	}

}
