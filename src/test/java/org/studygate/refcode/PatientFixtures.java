package org.studygate.refcode;

import java.time.LocalDate;
import java.util.UUID;

import org.studygate.Fixtures;
import org.studygate.audit.AuditContext;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Actor;
import org.studygate.study.Registrations;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Patients with studies and reference numbers, for the tests of codes and the patient
 * login.
 */
@Component
public class PatientFixtures {

	public static final LocalDate BIRTH_DATE = LocalDate.of(1961, 3, 14);

	private final Registrations registrations;

	private final Departments departments;

	private final ReferenceNumbers referenceNumbers;

	private final JdbcClient jdbc;

	private final DepartmentSetup setup;

	PatientFixtures(Registrations registrations, Departments departments, ReferenceNumbers referenceNumbers,
			JdbcClient jdbc, DepartmentSetup setup) {
		this.setup = setup;
		this.registrations = registrations;
		this.departments = departments;
		this.referenceNumbers = referenceNumbers;
		this.jdbc = jdbc;
	}

	/**
	 * A study of a patient born on {@link #BIRTH_DATE} with a mobile and an e-mail
	 * address.
	 */
	public StudyId study(Department department, int instances) {
		String uid = "1.2.826.0.6." + Math.abs(UUID.randomUUID().getMostSignificantBits());
		return registrations
			.register(Actor.systemOperator("patient fixtures"),
					new StudyRegistration(uid, "R" + Fixtures.unique(), department.code().value(),
							LocalDate.of(2026, 6, 1), null, "MR", "MR knee", 3, instances,
							new StudyRegistration.PatientData("P" + Fixtures.unique(), "Peeters^An", BIRTH_DATE, "F",
									null, "+32470123456", "an.peeters@example.org"),
							null))
			.id();
	}

	/**
	 * A study of the given patient (department-local ID, birth date, optional national
	 * ID), with the same contact data as {@link #study(Department, int)}.
	 */
	public StudyId study(Department department, int instances, String patientId, LocalDate birthDate,
			String nationalId) {
		String uid = "1.2.826.0.6." + Math.abs(UUID.randomUUID().getMostSignificantBits());
		return registrations
			.register(Actor.systemOperator("patient fixtures"),
					new StudyRegistration(uid, "R" + Fixtures.unique(), department.code().value(),
							LocalDate.of(2026, 6, 1), null, "MR", "MR knee", 3, instances,
							new StudyRegistration.PatientData(patientId, "Patient^" + patientId, birthDate, "F",
									nationalId, "+32470123456", "patient@example.org"),
							null))
			.id();
	}

	/** A code for the study, as a RIS would ask for one. */
	public IssuedCode code(StudyId study) {
		return referenceNumbers.add(Actor.systemOperator("patient fixtures"), study,
				new NewReferenceNumber(null, null, null));
	}

	public void policy(Department department, ReferenceNumberPolicy policy) {
		setup.updateSettings(department.id(),
				departments.find(department.id()).orElseThrow().settings().withReferenceNumbers(policy));
	}

	public static ReferenceNumberPolicy verification(ReferenceNumberPolicy.Verification verification) {
		return new ReferenceNumberPolicy(null, null, null, verification, null, null, null, null);
	}

	public String state(UUID referenceNumber) {
		return jdbc.sql("select state from refcode.reference_number where id = :id")
			.param("id", referenceNumber)
			.query(String.class)
			.single();
	}

	public int failedLogins(UUID referenceNumber) {
		return jdbc.sql("select failed_logins from refcode.reference_number where id = :id")
			.param("id", referenceNumber)
			.query(Integer.class)
			.single();
	}

	/**
	 * Empties the global throttle bucket's rows (its shards), so that tests which fail
	 * many logins leave no trace.
	 */
	public void resetGlobalThrottle() {
		jdbc.sql("delete from refcode.login_bucket where key like :prefix")
			.param("prefix", LoginThrottle.GLOBAL + "%")
			.update();
	}

	/** Runs as a request from this client address would, for the access log. */
	public static AuditContext.Binding from(String client) {
		return AuditContext.bind(new AuditContext.Request("PATIENT_PORTAL", client, "test"));
	}

}
