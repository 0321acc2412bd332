package org.studygate.study;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registry's tables: patients, orders, studies and their physicians; read afresh on
 * every call.
 */
@Repository
class StudyStore {

	private final JdbcClient jdbc;

	StudyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * How a patient's name is kept on his studies for the name filter: lower case without
	 * accents ("Müller" and "muller" alike), empty when the name is unknown.
	 */
	static String nameKey(String name) {
		return SearchKey.of(name);
	}

	// ---------------------------------------------------------------- registration

	/**
	 * Creates the order of a department or adds what it lacks, with its copied
	 * physicians.
	 */
	UUID upsertOrder(UUID departmentId, UUID patientId, StudyRegistration.OrderData order) {
		UUID orderId = jdbc.sql("""
				insert into study.study_order (id, department_id, order_number, patient_id, referring_physician_number)
				values (:id, :department, :number, :patient, :referrer)
				on conflict (department_id, order_number) do update set
				    referring_physician_number = coalesce(excluded.referring_physician_number,
				        study.study_order.referring_physician_number)
				returning id
				""")
			.param("id", UUID.randomUUID())
			.param("department", departmentId)
			.param("number", order.orderNumber())
			.param("patient", patientId)
			.param("referrer", order.referringPhysicianNumber())
			.query(UUID.class)
			.single();
		for (String cc : order.ccPhysicianNumbers()) {
			jdbc.sql(
					"insert into study.order_cc (order_id, physician_number) values (:order, :number) on conflict do nothing")
				.param("order", orderId)
				.param("number", cc)
				.update();
		}
		return orderId;
	}

	/**
	 * Inserts the study unless its Study Instance UID is registered already.
	 * @return whether it was inserted
	 */
	boolean insertStudy(StudyId id, StudyRegistration registration, StudyDateSource dateSource, UUID departmentId,
			UUID patientId, UUID orderId, Instant now) {
		LocalTime time = registration.studyTime() == null ? LocalTime.MIDNIGHT : registration.studyTime();
		return jdbc.sql("""
				insert into study.study (id, study_instance_uid, accession_number, department_id, patient_id,
				    patient_name_key, order_id, study_date, performed_at, modality, description, series_count,
				    instance_count, registered_at, study_date_source)
				values (:id, :uid, :accession, :department, :patient, :nameKey, :order, :date, :performedAt, :modality,
				    :description, :series, :instances, :now, :dateSource)
				on conflict (study_instance_uid) do nothing
				""")
			.param("id", id.value())
			.param("uid", registration.studyInstanceUid())
			.param("accession", registration.accessionNumber())
			.param("department", departmentId)
			.param("patient", patientId)
			.param("nameKey", nameKey(registration.patient().name()))
			.param("order", orderId)
			.param("date", registration.studyDate())
			.param("performedAt", registration.studyDate().atTime(time))
			.param("modality", registration.modality())
			.param("description", registration.description())
			.param("series", registration.seriesCount() == null ? 0 : registration.seriesCount())
			.param("instances", registration.instanceCount() == null ? 0 : registration.instanceCount())
			.param("now", Timestamp.from(now))
			.param("dateSource", dateSource.name())
			.update() == 1;
	}

	void insertPhysician(StudyId id, String number, String role) {
		if (number == null) {
			return;
		}
		jdbc.sql("""
				insert into study.study_physician (physician_number, study_id, role, performed_at)
				select :number, :study, :role, performed_at from study.study where id = :study
				on conflict do nothing
				""").param("number", number).param("study", id.value()).param("role", role).update();
	}

	/** The order of a department with this number, with its copied physicians. */
	Optional<StudyRegistration.OrderData> findOrder(UUID departmentId, String orderNumber) {
		return jdbc.sql("""
				select id, order_number, referring_physician_number from study.study_order
				where department_id = :department and order_number = :number
				""")
			.param("department", departmentId)
			.param("number", orderNumber)
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3) })
			.optional()
			.map(row -> new StudyRegistration.OrderData((String) row[1], (String) row[2],
					jdbc.sql("select physician_number from study.order_cc where order_id = :id order by 1")
						.param("id", row[0])
						.query(String.class)
						.list()));
	}

	/**
	 * Records the image counts and location; {@code true} when the images arrived for the
	 * first time.
	 */
	boolean recordArrival(StudyId id, int seriesCount, int instanceCount, String archiveLocation, Instant now) {
		int first = jdbc.sql("update study.study set arrived_at = :now where id = :id and arrived_at is null")
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
		jdbc.sql("""
				update study.study set series_count = :series, instance_count = :instances,
				    archive_location = :location where id = :id
				""")
			.param("series", seriesCount)
			.param("instances", instanceCount)
			.param("location", archiveLocation)
			.param("id", id.value())
			.update();
		return first == 1;
	}

	/**
	 * Records that the archive no longer holds the study's images: no counts, no
	 * location; when they first arrived stays.
	 */
	boolean recordRemoval(StudyId id) {
		return jdbc.sql("""
				update study.study set series_count = 0, instance_count = 0, archive_location = null
				where id = :id and archive_location is not null
				""").param("id", id.value()).update() == 1;
	}

	/**
	 * The studies with images in the archive, by id after this one, with where they are.
	 */
	List<Registrations.Located> located(UUID after, int limit) {
		return jdbc.sql("""
				select id, archive_location from study.study where archive_location is not null and id > :after
				order by id limit :limit
				""")
			.param("after", after)
			.param("limit", limit)
			.query((rs, n) -> new Registrations.Located(new StudyId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.list();
	}

	// ---------------------------------------------------------------- reading

	Optional<StudyId> findIdByUid(String studyInstanceUid) {
		return jdbc.sql("select id from study.study where study_instance_uid = :uid")
			.param("uid", studyInstanceUid)
			.query((rs, n) -> new StudyId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/** The study with its patient, order and physicians, in one query. */
	Optional<Study> find(StudyId id) {
		return jdbc.sql(FIND + "where s.id = :id").param("id", id.value()).query(StudyStore::withPhysicians).optional();
	}

	List<Study> find(StudyCondition condition) {
		return jdbc.sql(FIND + "where " + condition.sql() + " order by s.id")
			.params(condition.parameters())
			.query(StudyStore::withPhysicians)
			.list();
	}

	/**
	 * The study with the Study Instance UID, with its patient, order and physicians, in
	 * one query.
	 */
	Optional<Study> findByUid(String studyInstanceUid) {
		return jdbc.sql(FIND + "where s.study_instance_uid = :uid")
			.param("uid", studyInstanceUid)
			.query(StudyStore::withPhysicians)
			.optional();
	}

	/** {@link #find(StudyId)} with another module's columns read in the same query. */
	<T> Optional<StudyColumns.With<T>> find(StudyId id, StudyColumns<T> columns) {
		return findWith("s.id", id.value(), columns);
	}

	/**
	 * {@link #findByUid(String)} with another module's columns read in the same query.
	 */
	<T> Optional<StudyColumns.With<T>> findByUid(String studyInstanceUid, StudyColumns<T> columns) {
		return findWith("s.study_instance_uid", studyInstanceUid, columns);
	}

	private <T> Optional<StudyColumns.With<T>> findWith(String key, Object value, StudyColumns<T> columns) {
		List<Object> parameters = new java.util.ArrayList<>(columns.parameters());
		parameters.add(value);
		return jdbc.sql(FIND_COLUMNS + ", " + columns.sql() + FIND_FROM + "where " + key + " = ?")
			.params(parameters)
			.query((rs, n) -> new StudyColumns.With<>(withPhysicians(rs, n), columns.reader().read(rs)))
			.optional();
	}

	private static final String FIND_COLUMNS = """
			select s.*, p.patient_id as p_patient_id, p.name as p_name, p.birth_date as p_birth_date, p.sex as p_sex,
			       p.national_id as p_national_id, o.order_number as o_order_number,
			       array(select sp.role || ' ' || sp.physician_number from study.study_physician sp
			             where sp.study_id = s.id) as physicians""";

	private static final String FIND_FROM = """

			from study.study s
			join study.patient p on p.id = s.patient_id
			left join study.study_order o on o.id = s.order_id
			""";

	private static final String FIND = FIND_COLUMNS + FIND_FROM;

	/** What the registry does not know of a study and its patient. */
	Optional<UnknownValues> unknownValues(StudyId id) {
		return jdbc
			.sql("""
					select s.study_date_source, p.placeholder, p.name is null, p.birth_date is null, p.sex is null,
					       s.accession_number is null,
					       not exists (select 1 from study.study_physician sp where sp.study_id = s.id and sp.role = 'REQUESTER')
					from study.study s join study.patient p on p.id = s.patient_id where s.id = :id
					""")
			.param("id", id.value())
			.query((rs, n) -> new UnknownValues(StudyDateSource.valueOf(rs.getString(1)), rs.getBoolean(2),
					rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7)))
			.optional();
	}

	Optional<Instant> arrivedAt(StudyId id) {
		return jdbc.sql("select arrived_at from study.study where id = :id and arrived_at is not null")
			.param("id", id.value())
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	// ---------------------------------------------------------------- the patient side

	Optional<PatientContact> contact(StudyId id) {
		return jdbc.sql("""
				select p.mobile, p.email from study.study s join study.patient p on p.id = s.patient_id where s.id = :id
				""")
			.param("id", id.value())
			.query((rs, n) -> new PatientContact(rs.getString(1), rs.getString(2)))
			.optional();
	}

	void markPaymentReceived(StudyId id) {
		jdbc.sql("update study.study set payment_received = true where id = :id").param("id", id.value()).update();
	}

	void requirePayment(StudyId id, boolean required) {
		jdbc.sql("update study.study set payment_required = :required where id = :id")
			.param("id", id.value())
			.param("required", required)
			.update();
	}

	// ---------------------------------------------------------------- rows

	private static Study withPhysicians(ResultSet rs, int row) throws SQLException {
		Study study = study(rs, row);
		String requester = null;
		Set<String> cc = new HashSet<>();
		for (String physician : (String[]) rs.getArray("physicians").getArray()) {
			int space = physician.indexOf(' ');
			if (physician.startsWith("REQUESTER ")) {
				requester = physician.substring(space + 1);
			}
			else {
				cc.add(physician.substring(space + 1));
			}
		}
		return new Study(study.id(), study.studyInstanceUid(), study.accessionNumber(), study.departmentId(),
				study.studyDate(), study.performedAt(), study.modality(), study.description(), study.seriesCount(),
				study.instanceCount(), study.reportStatus(), study.reportAvailableAt(), study.paymentRequired(),
				study.paymentReceived(), study.cancelled(), study.registeredAt(), study.patient(), study.order(),
				requester, cc);
	}

	private static Study study(ResultSet rs, int row) throws SQLException {
		UUID orderId = rs.getObject("order_id", UUID.class);
		Timestamp reportAt = rs.getTimestamp("report_available_at");
		return new Study(new StudyId(rs.getObject("id", UUID.class)), rs.getString("study_instance_uid"),
				rs.getString("accession_number"), rs.getObject("department_id", UUID.class),
				rs.getObject("study_date", LocalDate.class), rs.getObject("performed_at", LocalDateTime.class),
				rs.getString("modality"), rs.getString("description"), rs.getInt("series_count"),
				rs.getInt("instance_count"), ReportStatus.valueOf(rs.getString("report_status")),
				reportAt == null ? null : reportAt.toInstant(), rs.getBoolean("payment_required"),
				rs.getBoolean("payment_received"), rs.getBoolean("cancelled"),
				rs.getTimestamp("registered_at").toInstant(),
				new Study.Patient(rs.getObject("patient_id", UUID.class), rs.getString("p_patient_id"),
						rs.getString("p_name"), rs.getObject("p_birth_date", LocalDate.class), rs.getString("p_sex"),
						rs.getString("p_national_id")),
				orderId == null ? null : new Study.Order(orderId, rs.getString("o_order_number")), null, Set.of());
	}

}
