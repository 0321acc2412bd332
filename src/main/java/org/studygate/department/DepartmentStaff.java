package org.studygate.department;

import java.util.List;

import org.studygate.directory.GroupView;

/**
 * The members of a department's two source groups, each list by name.
 *
 * @param admins who manage access to the department's studies
 * @param users who see and open the department's studies
 */
public record DepartmentStaff(List<GroupView.Member> admins, List<GroupView.Member> users) {

	public DepartmentStaff {
		admins = List.copyOf(admins);
		users = List.copyOf(users);
	}

}
