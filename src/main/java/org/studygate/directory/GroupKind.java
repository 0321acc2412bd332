package org.studygate.directory;

/**
 * What a group is. The two source kinds exist once per department and are created with
 * it.
 */
public enum GroupKind {

	/**
	 * A group practice of physicians; its members see the studies its physicians
	 * requested.
	 */
	PRACTICE,
	/** A hospital department other than the sending one. */
	MEDICAL_DEPARTMENT,
	/** The users of a sending department: they see and open its studies. */
	SOURCE_USERS,
	/** The administrators of a sending department: they manage access to its studies. */
	SOURCE_ADMINS;

	public boolean isSourceGroup() {
		return this == SOURCE_USERS || this == SOURCE_ADMINS;
	}

}
