package org.studygate.study;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registry's patients: created or brought up to date by registrations, placeholders
 * for studies without a patient ID, and birth dates entered by hand.
 */
@Repository
class PatientStore {

	private final JdbcClient jdbc;

	PatientStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Creates the patient of a department or brings him up to date; his studies take his
	 * new name.
	 */
	UUID upsertPatient(UUID departmentId, StudyRegistration.PatientData patient) {
		UUID id = jdbc
			.sql("""
					insert into study.patient (id, department_id, patient_id, national_id, name, birth_date, sex, mobile, email,
					    ideographic_key, phonetic_key)
					values (:id, :department, :patientId, :nationalId, :name, :birthDate, :sex, :mobile, :email,
					    :ideographic, :phonetic)
					on conflict (department_id, patient_id) do update set
					    name = coalesce(excluded.name, study.patient.name),
					    ideographic_key = case when excluded.name is null then study.patient.ideographic_key
					        else excluded.ideographic_key end,
					    phonetic_key = case when excluded.name is null then study.patient.phonetic_key
					        else excluded.phonetic_key end,
					    birth_date = coalesce(excluded.birth_date, study.patient.birth_date),
					    sex = coalesce(excluded.sex, study.patient.sex),
					    national_id = coalesce(excluded.national_id, study.patient.national_id),
					    mobile = coalesce(excluded.mobile, study.patient.mobile),
					    email = coalesce(excluded.email, study.patient.email)
					returning id
					""")
			.param("id", UUID.randomUUID())
			.param("department", departmentId)
			.param("patientId", patient.patientId())
			.param("nationalId", blankToNull(patient.nationalId()))
			.param("name", patient.name())
			.param("birthDate", patient.birthDate())
			.param("sex", patient.sex())
			.param("mobile", blankToNull(patient.mobile()))
			.param("email", blankToNull(patient.email()))
			.param("ideographic", SearchKey.ofGroup(patient.name(), 1))
			.param("phonetic", SearchKey.ofGroup(patient.name(), 2))
			.query(UUID.class)
			.single();
		if (patient.name() != null) {
			jdbc.sql(
					"update study.study set patient_name_key = :key where patient_id = :patient and patient_name_key <> :key")
				.param("key", StudyStore.nameKey(patient.name()))
				.param("patient", id)
				.update();
		}
		return id;
	}

	/**
	 * Creates the placeholder patient of one study whose header names no patient ID: his
	 * ID is the study's own, so that no other study ever joins him.
	 */
	UUID insertPlaceholderPatient(UUID departmentId, String studyInstanceUid, StudyRegistration.PatientData patient) {
		return jdbc.sql("""
				insert into study.patient (id, department_id, patient_id, name, birth_date, sex, placeholder,
				    ideographic_key, phonetic_key)
				values (:id, :department, :patientId, :name, :birthDate, :sex, true, :ideographic, :phonetic)
				on conflict (department_id, patient_id) do update set placeholder = true
				returning id
				""")
			.param("id", UUID.randomUUID())
			.param("department", departmentId)
			.param("patientId", "UNKNOWN-" + studyInstanceUid)
			.param("name", patient.name())
			.param("birthDate", patient.birthDate())
			.param("sex", patient.sex())
			.param("ideographic", SearchKey.ofGroup(patient.name(), 1))
			.param("phonetic", SearchKey.ofGroup(patient.name(), 2))
			.query(UUID.class)
			.single();
	}

	/**
	 * Sets a patient's birth date while it is unknown; {@code false} when it is known.
	 */
	boolean enterBirthDate(UUID patientId, LocalDate birthDate) {
		return jdbc.sql("update study.patient set birth_date = :birthDate where id = :id and birth_date is null")
			.param("birthDate", birthDate)
			.param("id", patientId)
			.update() == 1;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
