package org.studygate.department;

/**
 * A rule another module adds to every change of a department's settings, for a choice
 * that only it can judge (e.g. payment and pincode needs a payment provider, which the
 * reference-number module knows of). The department module owns this contract so that it
 * depends on none of them.
 */
public interface SettingsCheck {

	/**
	 * Refuses the change, naming the field, when the proposed settings may not be chosen.
	 * @param current the settings stored now
	 * @param proposed the settings about to replace them
	 * @throws org.studygate.InvalidInputException when the change is refused
	 */
	void check(DepartmentSettings current, DepartmentSettings proposed);

}
