package org.studygate.department;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The department table: the module's SQL, read afresh on every call. */
@Repository
class DepartmentStore {

	private static final String SELECT = "select id, code, name, time_zone, settings::text as settings from department.department";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	DepartmentStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Inserts a department.
	 * @throws org.springframework.dao.DuplicateKeyException when its code is taken
	 */
	void insert(Department department, Instant now) {
		jdbc.sql("""
				insert into department.department (id, code, name, time_zone, settings, created_at)
				values (:id, :code, :name, :zone, cast(:settings as jsonb), :now)
				""")
			.param("id", department.id().value())
			.param("code", department.code().value())
			.param("name", department.name())
			.param("zone", department.timeZone().getId())
			.param("settings", json.writeValueAsString(department.settings()))
			.param("now", Timestamp.from(now))
			.update();
	}

	Optional<Department> find(DepartmentCode code) {
		return jdbc.sql(SELECT + " where code = :code").param("code", code.value()).query(this::department).optional();
	}

	Optional<Department> find(DepartmentId id) {
		return jdbc.sql(SELECT + " where id = :id").param("id", id.value()).query(this::department).optional();
	}

	/** The code of the department whose id is another query's SQL expression. */
	String codeColumn(String idExpression) {
		return "(select x_department.code from department.department x_department where x_department.id = ("
				+ idExpression + "))";
	}

	/** The department that maps the sending facility (MSH-4) besides its code. */
	Optional<Department> findByFacility(String facility) {
		return jdbc.sql(SELECT + """
				 where jsonb_exists(coalesce(settings->'ris'->'sendingFacilities', '[]'::jsonb), :f)
				 order by code limit 1
				""").param("f", facility).query(this::department).optional();
	}

	/**
	 * The code of a department other than {@code except} whose code or mapped sending
	 * facilities are among {@code facilities}.
	 */
	Optional<String> facilityOwner(DepartmentId except, List<String> facilities) {
		if (facilities.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select code from department.department d
				where id <> :id and (code in (:f) or exists (
				    select 1 from jsonb_array_elements_text(
				        coalesce(d.settings->'ris'->'sendingFacilities', '[]'::jsonb)) s(v)
				    where s.v in (:f)))
				order by code limit 1
				""").param("id", except.value()).param("f", facilities).query(String.class).optional();
	}

	List<Department> all() {
		return jdbc.sql(SELECT + " order by name, code").query(this::department).list();
	}

	void updateSettings(DepartmentId id, DepartmentSettings settings) {
		jdbc.sql("update department.department set settings = cast(:settings as jsonb) where id = :id")
			.param("id", id.value())
			.param("settings", json.writeValueAsString(settings))
			.update();
	}

	void rename(DepartmentId id, String name, ZoneId timeZone) {
		jdbc.sql("update department.department set name = :name, time_zone = :zone where id = :id")
			.param("id", id.value())
			.param("name", name)
			.param("zone", timeZone.getId())
			.update();
	}

	private Department department(ResultSet rs, int row) throws SQLException {
		return department(rs, "");
	}

	/** The department of the columns named with this prefix. */
	private Department department(ResultSet rs, String prefix) throws SQLException {
		return new Department(new DepartmentId(rs.getObject(prefix + "id", UUID.class)),
				new DepartmentCode(rs.getString(prefix + "code")), rs.getString(prefix + "name"),
				ZoneId.of(rs.getString(prefix + "time_zone")),
				json.readValue(rs.getString(prefix + "settings"), DepartmentSettings.class));
	}

	/**
	 * The department whose id is another module's SQL expression, read in that module's
	 * query: {@link DepartmentColumns}.
	 */
	DepartmentColumns columns(String idExpression) {
		return new DepartmentColumns("""
				left join lateral (select id as x_department_id, code as x_department_code, name as x_department_name,
				    time_zone as x_department_time_zone, settings::text as x_department_settings
				  from department.department where id = (%s)) x_department on true
				""".formatted(idExpression), rs -> rs.getObject("x_department_id") == null ? Optional.empty()
				: Optional.of(department(rs, "x_department_")));
	}

	/** The departments whose settings require a second factor of their staff. */
	java.util.Set<UUID> requiringSecondFactor() {
		return new java.util.HashSet<>(jdbc.sql(
				"select id from department.department where coalesce((settings->>'twoFactorRequired')::boolean, false)")
			.query(UUID.class)
			.list());
	}

}
