package org.studygate.department;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.studygate.InvalidInputException;

/** A department to register. */
public record NewDepartment(DepartmentCode code, String name, ZoneId timeZone) {

	public NewDepartment {
		if (code == null) {
			throw new InvalidInputException("code", "is required");
		}
		if (name == null || name.isBlank() || name.length() > 200) {
			throw new InvalidInputException("name", "is required (at most 200 characters)");
		}
		name = name.strip();
		if (timeZone == null) {
			throw new InvalidInputException("timeZone", "is required, e.g. Europe/Brussels");
		}
	}

	public static NewDepartment of(String code, String name, String timeZone) {
		ZoneId zone;
		try {
			zone = timeZone == null || timeZone.isBlank() ? null : ZoneId.of(timeZone.trim());
		}
		catch (DateTimeException ex) {
			throw new InvalidInputException("timeZone", "is not a known time zone, e.g. Europe/Brussels");
		}
		return new NewDepartment(new DepartmentCode(code), name, zone);
	}

}
