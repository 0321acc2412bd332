package org.studygate.department;

import java.time.ZoneId;

/** A sending department (source) with its settings. */
public record Department(DepartmentId id, DepartmentCode code, String name, ZoneId timeZone,
		DepartmentSettings settings) {

}
