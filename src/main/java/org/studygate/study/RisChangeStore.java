package org.studygate.study;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a department's RIS changes in the registry's tables besides registrations: studies
 * joined to their orders, flags, report status, patients merged (decision 050). Apart
 * from {@link StudyStore} only to keep each store within the size rules.
 */
@Repository
class RisChangeStore {

	private final JdbcClient jdbc;

	RisChangeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StudyId> findIdByAccession(UUID departmentId, String accession) {
		return jdbc.sql("select id from study.study where department_id = :d and accession_number = :a limit 1")
			.param("d", departmentId)
			.param("a", accession)
			.query((rs, n) -> new StudyId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/**
	 * Joins the study to its order; its requester and CC physicians become the order's.
	 */
	void attachOrder(StudyId id, UUID orderId) {
		jdbc.sql("update study.study set order_id = :o where id = :s")
			.param("o", orderId)
			.param("s", id.value())
			.update();
		jdbc.sql("delete from study.study_physician where study_id = :s").param("s", id.value()).update();
	}

	void setReportStatus(StudyId id, ReportStatus status) {
		jdbc.sql("update study.study set report_status = :v where id = :s")
			.param("v", status.name())
			.param("s", id.value())
			.update();
	}

	/**
	 * Makes the study's report available to the patient from {@code at}, or keeps the
	 * earlier instant it already has; {@code true} when it changed.
	 */
	boolean reportAvailableFrom(StudyId id, Instant at) {
		return jdbc.sql("""
				update study.study set report_available_at = :at
				where id = :s and (report_available_at is null or report_available_at > :at)
				""").param("at", Timestamp.from(at)).param("s", id.value()).update() == 1;
	}

	/** Takes the study's report back from the patient (its report was cancelled). */
	void withholdReport(StudyId id) {
		jdbc.sql("update study.study set report_available_at = null where id = :s").param("s", id.value()).update();
	}

	/** Sets a flag of the study; {@code true} when it changed. */
	boolean setFlag(StudyId id, String column, boolean value) {
		String sql = switch (column) {
			case "cancelled" -> "update study.study set cancelled = :v where id = :s and cancelled <> :v";
			case "payment_required" ->
				"update study.study set payment_required = :v where id = :s and payment_required <> :v";
			default -> throw new IllegalArgumentException(column);
		};
		return jdbc.sql(sql).param("v", value).param("s", id.value()).update() == 1;
	}

	/**
	 * Moves every study and order of one patient to another of the same department;
	 * answers the studies moved.
	 */
	List<StudyId> movePatient(UUID from, UUID to, String nameKey) {
		List<StudyId> moved = jdbc.sql("""
				update study.study set patient_id = :to, patient_name_key = :key where patient_id = :from
				returning id
				""")
			.param("to", to)
			.param("key", nameKey)
			.param("from", from)
			.query((rs, n) -> new StudyId(rs.getObject(1, UUID.class)))
			.list();
		jdbc.sql("update study.study_order set patient_id = :to where patient_id = :from")
			.param("to", to)
			.param("from", from)
			.update();
		return moved;
	}

	Optional<UUID> findPatient(UUID departmentId, String patientId) {
		return jdbc.sql("select id from study.patient where department_id = :d and patient_id = :p")
			.param("d", departmentId)
			.param("p", patientId)
			.query(UUID.class)
			.optional();
	}

}
