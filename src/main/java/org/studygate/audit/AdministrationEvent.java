package org.studygate.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * A change to who may do what: a user created, changed, locked or unlocked, a membership
 * invited, accepted or removed, a department's settings changed, a destination added or
 * removed. Its entry carries {@code category=ADMINISTRATION} and, when the change
 * concerns one department, that department's code under {@code department}, so that the
 * administration log answers "who made this person a member of that practice" for the
 * service desk and each department's admins (docs/decisions/027-administration-log.md).
 */
public interface AdministrationEvent extends AuditableEvent {

	/** The detail key and value that mark an administration entry. */
	String CATEGORY_KEY = "category";

	String CATEGORY = "ADMINISTRATION";

	/** The detail key of the department concerned. */
	String DEPARTMENT_KEY = "department";

	/**
	 * The code of the department the change concerns, {@code null} for a platform-wide
	 * change.
	 */
	String departmentCode();

	/**
	 * What changed, e.g. the settings' old and new values; the category and department
	 * are added.
	 */
	Map<String, String> changes();

	@Override
	default Map<String, String> details() {
		Map<String, String> details = new TreeMap<>(changes());
		details.put(CATEGORY_KEY, CATEGORY);
		if (departmentCode() != null) {
			details.put(DEPARTMENT_KEY, departmentCode());
		}
		return details;
	}

}
