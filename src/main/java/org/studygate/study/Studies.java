package org.studygate.study;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The study registry. */
@Service
public class Studies {

	/** The most rows one list answer holds (SPEC §5: 100 with a prompt to filter). */
	public static final int MAX_PAGE = 100;

	private final JdbcClient jdbc;

	private final Departments departments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Studies(JdbcClient jdbc, Departments departments, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.departments = departments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Registers a study, as a RIS or an archive integration does; idempotent on the Study Instance
	 * UID. Allowed to the service desk and the department's source users and admins. The patient and
	 * the order are created or brought up to date.
	 */
	@Transactional
	public Registered register(Actor actor, StudyRegistration registration) {
		Department department = resolveDepartment(actor, registration.departmentCode());
		UUID departmentId = department.id().value();
		Optional<StudyId> existing = findIdByUid(registration.studyInstanceUid());
		if (existing.isPresent()) {
			return new Registered(existing.get(), false);
		}
		UUID patientId = upsertPatient(departmentId, registration.patient());
		UUID orderId = registration.order() == null ? null
				: upsertOrder(departmentId, patientId, registration.order());
		StudyId id = StudyId.random();
		LocalTime time = registration.studyTime() == null ? LocalTime.MIDNIGHT : registration.studyTime();
		int inserted = jdbc.sql("""
				insert into study.study (id, study_instance_uid, accession_number, department_id, patient_id,
				    patient_name_key, order_id, study_date, performed_at, modality, description, series_count,
				    instance_count, registered_at)
				values (:id, :uid, :accession, :department, :patient, :nameKey, :order, :date, :performedAt, :modality,
				    :description, :series, :instances, :now)
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
			.param("now", Timestamp.from(clock.instant()))
			.update();
		if (inserted == 0) {
			return new Registered(findIdByUid(registration.studyInstanceUid()).orElseThrow(), false);
		}
		if (registration.order() != null) {
			insertPhysician(id, registration.order().referringPhysicianNumber(), "REQUESTER");
			for (String cc : registration.order().ccPhysicianNumbers()) {
				insertPhysician(id, cc, "CC");
			}
		}
		events.publishEvent(new StudyRegistered(clock.instant(),
				actor.asAuditActor(),
				id, registration.studyInstanceUid(), departmentId));
		return new Registered(id, true);
	}

	private Department resolveDepartment(Actor actor, String code) {
		Optional<Department> department = departmentByCode(code);
		if (department.isPresent() && actor.isSourceMemberOf(department.get().id().value())) {
			return department.get();
		}
		if (actor.serviceDesk()) {
			throw new InvalidInputException("departmentCode", "no department has this code");
		}
		throw new AccessDeniedException("not a member of department " + code);
	}

	private UUID upsertPatient(UUID departmentId, StudyRegistration.PatientData patient) {
		UUID id = jdbc.sql("""
				insert into study.patient (id, department_id, patient_id, national_id, name, birth_date, sex, mobile, email)
				values (:id, :department, :patientId, :nationalId, :name, :birthDate, :sex, :mobile, :email)
				on conflict (department_id, patient_id) do update set
				    name = excluded.name, birth_date = excluded.birth_date,
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
			.query(UUID.class)
			.single();
		jdbc.sql("update study.study set patient_name_key = :key where patient_id = :patient and patient_name_key <> :key")
			.param("key", nameKey(patient.name()))
			.param("patient", id)
			.update();
		return id;
	}

	/** How a patient's name is kept on his studies for the name filter. */
	static String nameKey(String name) {
		return name.toLowerCase(java.util.Locale.ROOT);
	}

	private UUID upsertOrder(UUID departmentId, UUID patientId, StudyRegistration.OrderData order) {
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
			jdbc.sql("insert into study.order_cc (order_id, physician_number) values (:order, :number) on conflict do nothing")
				.param("order", orderId)
				.param("number", cc)
				.update();
		}
		return orderId;
	}

	private void insertPhysician(StudyId id, String number, String role) {
		if (number == null) {
			return;
		}
		jdbc.sql("""
				insert into study.study_physician (physician_number, study_id, role) values (:number, :study, :role)
				on conflict do nothing
				""").param("number", number).param("study", id.value()).param("role", role).update();
	}

	public Optional<StudyId> findIdByUid(String studyInstanceUid) {
		return jdbc.sql("select id from study.study where study_instance_uid = :uid")
			.param("uid", studyInstanceUid)
			.query((rs, n) -> new StudyId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/** The study with its patient, order and physicians; no access decision is made here. */
	public Optional<Study> find(StudyId id) {
		Optional<Study> study = jdbc.sql("""
				select s.*, p.patient_id as p_patient_id, p.name as p_name, p.birth_date as p_birth_date, p.sex as p_sex,
				       p.national_id as p_national_id, o.order_number as o_order_number
				from study.study s
				join study.patient p on p.id = s.patient_id
				left join study.study_order o on o.id = s.order_id
				where s.id = :id
				""").param("id", id.value()).query(this::study).optional();
		return study.map(this::withPhysicians);
	}

	private Study withPhysicians(Study study) {
		String requester = null;
		Set<String> cc = new HashSet<>();
		for (String[] row : jdbc.sql("select physician_number, role from study.study_physician where study_id = :id")
			.param("id", study.id().value())
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.list()) {
			if ("REQUESTER".equals(row[1])) {
				requester = row[0];
			}
			else {
				cc.add(row[0]);
			}
		}
		return new Study(study.id(), study.studyInstanceUid(), study.accessionNumber(), study.departmentId(),
				study.studyDate(), study.performedAt(), study.modality(), study.description(), study.seriesCount(),
				study.instanceCount(), study.reportStatus(), study.reportAvailableAt(), study.paymentRequired(),
				study.paymentReceived(), study.cancelled(), study.registeredAt(), study.patient(), study.order(),
				requester, cc);
	}

	private Study study(ResultSet rs, int row) throws SQLException {
		UUID orderId = rs.getObject("order_id", UUID.class);
		Timestamp reportAt = rs.getTimestamp("report_available_at");
		return new Study(new StudyId(rs.getObject("id", UUID.class)), rs.getString("study_instance_uid"),
				rs.getString("accession_number"), rs.getObject("department_id", UUID.class),
				rs.getObject("study_date", java.time.LocalDate.class),
				rs.getObject("performed_at", java.time.LocalDateTime.class), rs.getString("modality"),
				rs.getString("description"), rs.getInt("series_count"), rs.getInt("instance_count"),
				ReportStatus.valueOf(rs.getString("report_status")), reportAt == null ? null : reportAt.toInstant(),
				rs.getBoolean("payment_required"), rs.getBoolean("payment_received"), rs.getBoolean("cancelled"),
				rs.getTimestamp("registered_at").toInstant(),
				new Study.Patient(rs.getObject("patient_id", UUID.class), rs.getString("p_patient_id"),
						rs.getString("p_name"), rs.getObject("p_birth_date", java.time.LocalDate.class),
						rs.getString("p_sex"), rs.getString("p_national_id")),
				orderId == null ? null : new Study.Order(orderId, rs.getString("o_order_number")), null, Set.of());
	}

	/**
	 * One page of the studies that satisfy both the filter and the visibility condition, newest
	 * first, in one SQL query. The page is chosen on the study rows alone (each carries its
	 * patient's name for the filter); only the page's rows are joined to their patients.
	 *
	 * @param after where the previous page ended, {@code null} for the first page
	 * @param limit at most {@link #MAX_PAGE}
	 */
	public List<StudySummary> search(StudyFilter filter, StudyCondition visibility, StudyCursor after, int limit) {
		return search(filter, visibility, after, 0, limit);
	}

	/**
	 * One page by position rather than by cursor, for protocols that page with an offset (QIDO-RS):
	 * the same query and order as {@link #search(StudyFilter, StudyCondition, StudyCursor, int)}.
	 */
	public List<StudySummary> searchAt(StudyFilter filter, StudyCondition visibility, int offset, int limit) {
		return search(filter, visibility, null, Math.max(0, offset), limit);
	}

	private List<StudySummary> search(StudyFilter filter, StudyCondition visibility, StudyCursor after, int offset,
			int limit) {
		if (visibility.isNever()) {
			return List.of();
		}
		StringBuilder sql = new StringBuilder("""
				select s.id, s.study_instance_uid, s.accession_number, s.department_id, s.study_date,
				       s.performed_at, s.modality, s.description, p.name, p.patient_id, p.birth_date, s.cancelled
				from (select s.* from study.study s where (""").append(visibility.sql()).append(")");
		List<Object> parameters = new ArrayList<>(visibility.parameters());
		if (filter.patient() != null) {
			sql.append(" and (s.patient_name_key like ? escape '\\'")
				.append(" or s.patient_id = any(array(select sp.id from study.patient sp where sp.patient_id = ?)))");
			parameters.add(escapeLike(nameKey(filter.patient())) + "%");
			parameters.add(filter.patient());
		}
		if (filter.from() != null) {
			sql.append(" and s.study_date >= ?");
			parameters.add(filter.from());
		}
		if (filter.to() != null) {
			sql.append(" and s.study_date <= ?");
			parameters.add(filter.to());
		}
		if (filter.modality() != null) {
			sql.append(" and s.modality = ?");
			parameters.add(filter.modality());
		}
		if (filter.departmentCode() != null) {
			Optional<Department> department = departmentByCode(filter.departmentCode());
			if (department.isEmpty()) {
				return List.of();
			}
			sql.append(" and s.department_id = ?");
			parameters.add(department.get().id().value());
		}
		if (filter.accession() != null) {
			sql.append(" and s.accession_number = ?");
			parameters.add(filter.accession());
		}
		if (after != null) {
			sql.append(" and (s.performed_at, s.id) < (?, ?)");
			parameters.add(after.performedAt());
			parameters.add(after.id());
		}
		sql.append(" order by s.performed_at desc, s.id desc limit ?");
		parameters.add(Math.max(1, Math.min(limit, MAX_PAGE + 1)));
		if (offset > 0) {
			sql.append(" offset ?");
			parameters.add(offset);
		}
		sql.append(") s join study.patient p on p.id = s.patient_id order by s.performed_at desc, s.id desc");
		Map<UUID, String> codes = new HashMap<>();
		return jdbc.sql(sql.toString()).params(parameters).query((rs, row) -> {
			UUID departmentId = rs.getObject(4, UUID.class);
			String code = codes.computeIfAbsent(departmentId,
					id -> departments.find(id).map(d -> d.code().value()).orElse("?"));
			return new StudySummary(new StudyId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
					departmentId, code, rs.getObject(5, java.time.LocalDate.class),
					rs.getObject(6, java.time.LocalDateTime.class), rs.getString(7), rs.getString(8), rs.getString(9),
					rs.getString(10), rs.getObject(11, java.time.LocalDate.class), rs.getBoolean(12));
		}).list();
	}

	/** How the study's patient is reached for one-time passwords and pincodes; empty when unknown. */
	public Optional<PatientContact> contact(StudyId id) {
		return jdbc.sql("""
				select p.mobile, p.email from study.study s join study.patient p on p.id = s.patient_id where s.id = :id
				""").param("id", id.value()).query((rs, n) -> new PatientContact(rs.getString(1), rs.getString(2))).optional();
	}

	/** Records that the study's payment was received (by the payment provider or as a source admin says). */
	@Transactional
	public void markPaymentReceived(StudyId id) {
		jdbc.sql("update study.study set payment_received = true where id = :id").param("id", id.value()).update();
	}

	/** Marks whether the patient must pay before a code opens the study (a RIS or the department says). */
	@Transactional
	public void requirePayment(StudyId id, boolean required) {
		jdbc.sql("update study.study set payment_required = :required where id = :id")
			.param("id", id.value())
			.param("required", required)
			.update();
	}

	/** The number of series and instances of a study, as the archive last reported them. */
	public record ImageCounts(int series, int instances) {

	}

	/** The image counts of each of these studies. */
	public Map<StudyId, ImageCounts> imageCounts(java.util.Collection<StudyId> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<StudyId, ImageCounts> counts = new HashMap<>();
		jdbc.sql("select id, series_count, instance_count from study.study where id = any(?)")
			.param(ids.stream().map(StudyId::value).toArray(UUID[]::new))
			.query((rs, n) -> counts.put(new StudyId(rs.getObject(1, UUID.class)),
					new ImageCounts(rs.getInt(2), rs.getInt(3))))
			.list();
		return counts;
	}

	/**
	 * The order of a department with this number, with its physicians, so that a study arriving
	 * from the archive with that accession number joins it.
	 */
	public Optional<StudyRegistration.OrderData> findOrder(UUID departmentId, String orderNumber) {
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
	 * Records that the study's images are in the archive, with their counts and where they are.
	 *
	 * @return {@code true} the first time only, even when several arrivals race
	 */
	@Transactional
	public boolean recordArrival(StudyId id, int seriesCount, int instanceCount, String archiveLocation) {
		int first = jdbc.sql("update study.study set arrived_at = :now where id = :id and arrived_at is null")
			.param("now", Timestamp.from(clock.instant()))
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

	/** When the study's images first arrived in the archive, if they did. */
	public Optional<java.time.Instant> arrivedAt(StudyId id) {
		return jdbc.sql("select arrived_at from study.study where id = :id and arrived_at is not null")
			.param("id", id.value())
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	private Optional<Department> departmentByCode(String code) {
		try {
			return departments.find(new DepartmentCode(code));
		}
		catch (InvalidInputException ex) {
			return Optional.empty();
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
