package org.studygate.directory.sourcegroups;

import java.util.UUID;

import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;

/**
 * A department's two source groups (source users, source admins), as the department
 * module makes and renames them after deciding who may. Their members are added through
 * the directory's checked memberships.
 */
public interface SourceGroups {

	/** Creates one of the two source groups of a new department, empty. */
	GroupId create(UUID departmentId, GroupKind kind, String name);

	/** Gives a department's source groups its new name. */
	void rename(UUID departmentId, String departmentName);

}
