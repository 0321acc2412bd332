package org.studygate.department.setup;

import org.studygate.department.Department;
import org.studygate.department.DepartmentId;
import org.studygate.department.DepartmentSettings;
import org.studygate.department.NewDepartment;

/**
 * Creates departments and replaces their settings without an actor: trusted setup for the
 * demo loader and tests. Nothing is published for the administration log; the service
 * desk's own changes go through {@link org.studygate.department.Departments}.
 */
public interface DepartmentSetup {

	/**
	 * Registers a department with default settings and creates its source groups.
	 * @throws org.studygate.ConflictException when its code is taken
	 */
	Department create(NewDepartment department);

	/**
	 * Replaces a department's settings, once every module's
	 * {@link org.studygate.department.SettingsCheck} let them pass.
	 */
	void updateSettings(DepartmentId id, DepartmentSettings settings);

}
