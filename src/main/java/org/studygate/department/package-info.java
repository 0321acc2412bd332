/**
 * Departments (sources) and their settings. Creating a department creates its two source
 * groups in the directory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Department",
		allowedDependencies = { "directory", "directory :: source-groups", "audit" })
package org.studygate.department;
