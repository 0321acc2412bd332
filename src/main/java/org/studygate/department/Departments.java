package org.studygate.department;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.directory.AdministrationPolicy;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.GroupView;
import org.studygate.directory.Groups;
import org.studygate.directory.Memberships;
import org.studygate.directory.UserId;
import org.studygate.directory.Users;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The departments (sources) and their settings. What the service desk changes here — a department
 * registered, renamed or reconfigured, its source staff — is published for the administration log.
 */
@Service
public class Departments {

	private final JdbcClient jdbc;

	private final Users users;

	private final Groups groups;

	private final JsonMapper json;

	private final Clock clock;

	private final Memberships memberships;

	private final ApplicationEventPublisher events;

	private final List<SettingsCheck> checks;

	Departments(JdbcClient jdbc, Users users, Groups groups, JsonMapper json, Clock clock, Memberships memberships,
			ApplicationEventPublisher events, List<SettingsCheck> checks) {
		this.jdbc = jdbc;
		this.users = users;
		this.groups = groups;
		this.json = json;
		this.clock = clock;
		this.memberships = memberships;
		this.events = events;
		this.checks = List.copyOf(checks);
	}

	/** Registers a department with default settings and creates its source groups. */
	@Transactional
	public Department create(NewDepartment department) {
		DepartmentId id = DepartmentId.random();
		DepartmentSettings settings = DepartmentSettings.defaults();
		try {
			jdbc.sql("""
					insert into department.department (id, code, name, time_zone, settings, created_at)
					values (:id, :code, :name, :zone, cast(:settings as jsonb), :now)
					""")
				.param("id", id.value())
				.param("code", department.code().value())
				.param("name", department.name())
				.param("zone", department.timeZone().getId())
				.param("settings", json.writeValueAsString(settings))
				.param("now", java.sql.Timestamp.from(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("department code " + department.code() + " is already registered");
		}
		groups.createSourceGroup(id.value(), GroupKind.SOURCE_USERS, department.name());
		groups.createSourceGroup(id.value(), GroupKind.SOURCE_ADMINS, department.name());
		return new Department(id, department.code(), department.name(), department.timeZone(), settings);
	}

	public Optional<Department> find(DepartmentCode code) {
		return jdbc.sql(SELECT + " where code = :code").param("code", code.value()).query(this::department).optional();
	}

	public Optional<Department> find(DepartmentId id) {
		return jdbc.sql(SELECT + " where id = :id").param("id", id.value()).query(this::department).optional();
	}

	public Optional<Department> find(UUID id) {
		return find(new DepartmentId(id));
	}

	public List<Department> all() {
		return jdbc.sql(SELECT + " order by name, code").query(this::department).list();
	}

	/** Replaces a department's settings, once every other module's {@link SettingsCheck} let them pass. */
	@Transactional
	public void updateSettings(DepartmentId id, DepartmentSettings settings) {
		DepartmentSettings current = find(id).map(Department::settings).orElseGet(DepartmentSettings::defaults);
		checks.forEach(check -> check.check(current, settings));
		jdbc.sql("update department.department set settings = cast(:settings as jsonb) where id = :id")
			.param("id", id.value())
			.param("settings", json.writeValueAsString(settings))
			.update();
	}

	/**
	 * Renames a department or moves it to another time zone, on behalf of the service desk; its
	 * source groups take the new name. The code never changes: integrations send it.
	 */
	@Transactional
	public Department rename(Actor actor, String code, String name, String timeZone) {
		Department department = get(actor, code);
		NewDepartment checked = NewDepartment.of(department.code().value(), name, timeZone);
		jdbc.sql("update department.department set name = :name, time_zone = :zone where id = :id")
			.param("id", department.id().value())
			.param("name", checked.name())
			.param("zone", checked.timeZone().getId())
			.update();
		groups.renameSourceGroups(department.id().value(), checked.name());
		Map<String, String> changes = SettingsDifference.between(json,
				Map.of("name", department.name(), "timeZone", department.timeZone().getId()),
				Map.of("name", checked.name(), "timeZone", checked.timeZone().getId()));
		publish(actor, "DEPARTMENT_CHANGED", department, changes);
		return find(department.id()).orElseThrow();
	}

	/** Registers a department on behalf of the service desk, who alone configures departments. */
	@Transactional
	public Department register(Actor actor, NewDepartment department) {
		AdministrationPolicy.platform(actor).enforce();
		Department created = create(department);
		publish(actor, "DEPARTMENT_CREATED", created,
				Map.of("name", created.name(), "timeZone", created.timeZone().getId()));
		return created;
	}

	/** Every department, for the service desk. */
	public List<Department> list(Actor actor) {
		AdministrationPolicy.platform(actor).enforce();
		return all();
	}

	/** A department by the code a client named, for the service desk; a malformed code is simply not found. */
	public Department get(Actor actor, String code) {
		AdministrationPolicy.platform(actor).enforce();
		DepartmentCode parsed;
		try {
			parsed = new DepartmentCode(code);
		}
		catch (InvalidInputException ex) {
			throw new NotFoundException("department");
		}
		return find(parsed).orElseThrow(() -> new NotFoundException("department"));
	}

	/** Replaces the department's settings on behalf of the service desk. */
	@Transactional
	public Department changeSettings(Actor actor, String code, DepartmentSettings settings) {
		if (settings == null) {
			throw new InvalidInputException("settings", "are required");
		}
		Department department = get(actor, code);
		return reconfigure(actor, department, settings);
	}

	/**
	 * Changes one part of the department's settings on behalf of the service desk, keeping the others;
	 * each capability's settings page changes only its own part.
	 */
	@Transactional
	public Department changeSettings(Actor actor, String code, java.util.function.UnaryOperator<DepartmentSettings> change) {
		Department department = get(actor, code);
		return reconfigure(actor, department, change.apply(department.settings()));
	}

	private Department reconfigure(Actor actor, Department department, DepartmentSettings settings) {
		updateSettings(department.id(), settings);
		publish(actor, "DEPARTMENT_SETTINGS_CHANGED", department,
				SettingsDifference.between(json, department.settings(), settings));
		return find(department.id()).orElseThrow();
	}

	private void publish(Actor actor, String action, Department department, Map<String, String> changes) {
		if (!changes.isEmpty()) {
			events.publishEvent(new DepartmentChanged(clock.instant(), actor.asAuditActor(), action,
					department.code().value(), changes));
		}
	}

	/** The members of the department's source groups. */
	public DepartmentStaff staff(Actor actor, String code) {
		Department department = get(actor, code);
		return new DepartmentStaff(members(department, GroupKind.SOURCE_ADMINS),
				members(department, GroupKind.SOURCE_USERS));
	}

	/**
	 * Makes a user a source user or source admin of the department; being both is possible. A user
	 * who has that role already is a conflict.
	 */
	@Transactional
	public void addStaff(Actor actor, String code, UserId user, SourceRole role) {
		Department department = get(actor, code);
		memberships.addSourceMember(actor, sourceGroup(department, role.groupKind()), user);
		publishStaff(actor, "SOURCE_MEMBER_ADDED", department, user, role);
	}

	/** Takes a role in the department from a user; without a role, both. */
	@Transactional
	public void removeStaff(Actor actor, String code, UserId user, SourceRole role) {
		Department department = get(actor, code);
		for (SourceRole each : SourceRole.values()) {
			if ((role == null || role == each)
					&& memberships.removeSourceMember(actor, sourceGroup(department, each.groupKind()), user)) {
				publishStaff(actor, "SOURCE_MEMBER_REMOVED", department, user, each);
			}
		}
	}

	private void publishStaff(Actor actor, String action, Department department, UserId user, SourceRole role) {
		events.publishEvent(new DepartmentStaffChanged(clock.instant(), actor.asAuditActor(), action,
				department.code().value(), user, users.find(user).map(u -> u.displayName()).orElse(null),
				role));
	}

	private List<GroupView.Member> members(Department department, GroupKind kind) {
		return groups.find(sourceGroup(department, kind))
			.map(GroupView::members)
			.orElse(List.of())
			.stream()
			.sorted(Comparator.comparing(GroupView.Member::displayName))
			.toList();
	}

	private GroupId sourceGroup(Department department, GroupKind kind) {
		return groups.sourceGroup(department.id().value(), kind)
			.orElseThrow(() -> new IllegalStateException("department " + department.code() + " has no " + kind));
	}

	private static final String SELECT = "select id, code, name, time_zone, settings::text as settings from department.department";

	private Department department(ResultSet rs, int row) throws SQLException {
		return new Department(new DepartmentId(rs.getObject("id", UUID.class)), new DepartmentCode(rs.getString("code")),
				rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
				json.readValue(rs.getString("settings"), DepartmentSettings.class));
	}

}
