package org.studygate.department;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.directory.AdministrationPolicy;
import org.studygate.directory.sourcegroups.SourceGroups;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The departments (sources) and their settings: found by every module, registered,
 * renamed and reconfigured by the service desk alone. What the service desk changes here
 * is published for the administration log; the staff of a department are kept by
 * {@link SourceStaff}.
 */
@Service
public class Departments {

	private final DepartmentStore store;

	private final DepartmentWriter writer;

	private final SourceGroups groups;

	private final JsonMapper json;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Departments(DepartmentStore store, DepartmentWriter writer, SourceGroups groups, JsonMapper json, Clock clock,
			ApplicationEventPublisher events) {
		this.store = store;
		this.writer = writer;
		this.groups = groups;
		this.json = json;
		this.clock = clock;
		this.events = events;
	}

	public Optional<Department> find(DepartmentCode code) {
		return store.find(code);
	}

	public Optional<Department> find(DepartmentId id) {
		return store.find(id);
	}

	/**
	 * The code of the department whose id is another module's SQL expression, as an SQL
	 * expression of that module's query: a list names its rows' departments in its own
	 * statement (docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md).
	 * {@code null} when no department has that id.
	 */
	public String codeColumn(String idExpression) {
		return store.codeColumn(idExpression);
	}

	/**
	 * A department by the identifier another module's row keeps as a bare UUID; prefer
	 * {@link #find(DepartmentId)}.
	 */
	public Optional<Department> find(UUID id) {
		return store.find(new DepartmentId(id));
	}

	/**
	 * A department read in another module's query, joined on its id, an SQL expression of
	 * that query (docs/decisions/081-patient-login-in-fewer-round-trips.md): one round
	 * trip fewer where the department is needed with that module's own rows.
	 */
	public DepartmentColumns columns(String idExpression) {
		return store.columns(idExpression);
	}

	/**
	 * The department a RIS message comes from: the one whose code is the sending facility
	 * (MSH-4), or else the one that maps it in its settings (decision 053).
	 */
	public Optional<Department> findBySendingFacility(String facility) {
		if (facility == null || facility.isBlank()) {
			return Optional.empty();
		}
		String normal = facility.strip().toUpperCase(Locale.ROOT);
		try {
			Optional<Department> byCode = store.find(new DepartmentCode(normal));
			if (byCode.isPresent()) {
				return byCode;
			}
		}
		catch (InvalidInputException ex) {
			// not a code: only a mapping can name it
		}
		return store.findByFacility(normal);
	}

	public List<Department> all() {
		return store.all();
	}

	/**
	 * Registers a department on behalf of the service desk, who alone configures
	 * departments.
	 */
	@Transactional
	public Department register(Actor actor, NewDepartment department) {
		AdministrationPolicy.platform(actor).enforce();
		Department created = writer.create(department);
		publish(actor, "DEPARTMENT_CREATED", created,
				Map.of("name", created.name(), "timeZone", created.timeZone().getId()));
		return created;
	}

	/** Every department, for the service desk. */
	public List<Department> list(Actor actor) {
		AdministrationPolicy.platform(actor).enforce();
		return store.all();
	}

	/**
	 * A department by the code a client named, for the service desk; a malformed code is
	 * simply not found.
	 */
	public Department get(Actor actor, String code) {
		AdministrationPolicy.platform(actor).enforce();
		DepartmentCode parsed;
		try {
			parsed = new DepartmentCode(code);
		}
		catch (InvalidInputException ex) {
			throw new NotFoundException("department");
		}
		return store.find(parsed).orElseThrow(() -> new NotFoundException("department"));
	}

	/**
	 * Renames a department or moves it to another time zone, on behalf of the service
	 * desk; its source groups take the new name. The code never changes: integrations
	 * send it.
	 */
	@Transactional
	public Department rename(Actor actor, String code, String name, String timeZone) {
		Department department = get(actor, code);
		NewDepartment checked = NewDepartment.of(department.code().value(), name, timeZone);
		store.rename(department.id(), checked.name(), checked.timeZone());
		groups.rename(department.id().value(), checked.name());
		Map<String, String> changes = SettingsDifference.between(json,
				Map.of("name", department.name(), "timeZone", department.timeZone().getId()),
				Map.of("name", checked.name(), "timeZone", checked.timeZone().getId()));
		publish(actor, "DEPARTMENT_CHANGED", department, changes);
		return store.find(department.id()).orElseThrow();
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
	 * Changes one part of the department's settings on behalf of the service desk,
	 * keeping the others; each capability's settings page changes only its own part.
	 */
	@Transactional
	public Department changeSettings(Actor actor, String code, UnaryOperator<DepartmentSettings> change) {
		Department department = get(actor, code);
		return reconfigure(actor, department, change.apply(department.settings()));
	}

	private Department reconfigure(Actor actor, Department department, DepartmentSettings settings) {
		writer.updateSettings(department.id(), settings);
		publish(actor, "DEPARTMENT_SETTINGS_CHANGED", department,
				SettingsDifference.between(json, department.settings(), settings));
		return store.find(department.id()).orElseThrow();
	}

	private void publish(Actor actor, String action, Department department, Map<String, String> changes) {
		if (!changes.isEmpty()) {
			events.publishEvent(new DepartmentChanged(clock.instant(), actor.asAuditActor(), action,
					department.code().value(), changes));
		}
	}

}
