package org.studygate.department;

import java.time.Clock;
import java.util.List;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.GroupKind;
import org.studygate.directory.sourcegroups.SourceGroups;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place a department is created or its settings replaced, without deciding who
 * may: {@link Departments} calls it once the service desk is checked, the demo loader and
 * tests reach it as {@link DepartmentSetup}.
 */
@Component
class DepartmentWriter implements DepartmentSetup {

	private final DepartmentStore store;

	private final SourceGroups groups;

	private final Clock clock;

	private final List<SettingsCheck> checks;

	DepartmentWriter(DepartmentStore store, SourceGroups groups, Clock clock, List<SettingsCheck> checks) {
		this.store = store;
		this.groups = groups;
		this.clock = clock;
		this.checks = List.copyOf(checks);
	}

	@Override
	@Transactional
	public Department create(NewDepartment department) {
		Department created = new Department(DepartmentId.random(), department.code(), department.name(),
				department.timeZone(), DepartmentSettings.defaults());
		if (store.findByFacility(department.code().value()).isPresent()) {
			throw new ConflictException("department code " + department.code() + " is another department's facility");
		}
		try {
			store.insert(created, clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("department code " + department.code() + " is already registered");
		}
		groups.create(created.id().value(), GroupKind.SOURCE_USERS, department.name());
		groups.create(created.id().value(), GroupKind.SOURCE_ADMINS, department.name());
		return created;
	}

	@Override
	@Transactional
	public void updateSettings(DepartmentId id, DepartmentSettings settings) {
		DepartmentSettings current = store.find(id).map(Department::settings).orElseGet(DepartmentSettings::defaults);
		checks.forEach(check -> check.check(current, settings));
		store.facilityOwner(id, settings.ris().sendingFacilities()).ifPresent(owner -> {
			throw new InvalidInputException("sendingFacilities", "a facility already names department " + owner);
		});
		store.updateSettings(id, settings);
	}

}
