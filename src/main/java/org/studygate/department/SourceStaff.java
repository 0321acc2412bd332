package org.studygate.department;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.GroupView;
import org.studygate.directory.Groups;
import org.studygate.directory.Memberships;
import org.studygate.directory.UserId;
import org.studygate.directory.Users;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff of a department: the members of its two source groups, seen and changed by
 * the service desk alone. Every change is published for the administration log.
 */
@Service
public class SourceStaff {

	private final Departments departments;

	private final Users users;

	private final Groups groups;

	private final Memberships memberships;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SourceStaff(Departments departments, Users users, Groups groups, Memberships memberships,
			ApplicationEventPublisher events, Clock clock) {
		this.departments = departments;
		this.users = users;
		this.groups = groups;
		this.memberships = memberships;
		this.events = events;
		this.clock = clock;
	}

	/** The members of the department's source groups. */
	public DepartmentStaff staff(Actor actor, String code) {
		Department department = departments.get(actor, code);
		return new DepartmentStaff(members(department, GroupKind.SOURCE_ADMINS),
				members(department, GroupKind.SOURCE_USERS));
	}

	/**
	 * Makes a user a source user or source admin of the department; being both is
	 * possible. A user who has that role already is a conflict.
	 */
	@Transactional
	public void addStaff(Actor actor, String code, UserId user, SourceRole role) {
		Department department = departments.get(actor, code);
		memberships.addSourceMember(actor, sourceGroup(department, role.groupKind()), user);
		publish(actor, "SOURCE_MEMBER_ADDED", department, user, role);
	}

	/** Takes a role in the department from a user; without a role, both. */
	@Transactional
	public void removeStaff(Actor actor, String code, UserId user, SourceRole role) {
		Department department = departments.get(actor, code);
		for (SourceRole each : SourceRole.values()) {
			if ((role == null || role == each)
					&& memberships.removeSourceMember(actor, sourceGroup(department, each.groupKind()), user)) {
				publish(actor, "SOURCE_MEMBER_REMOVED", department, user, each);
			}
		}
	}

	private void publish(Actor actor, String action, Department department, UserId user, SourceRole role) {
		events.publishEvent(new DepartmentStaffChanged(clock.instant(), actor.asAuditActor(), action,
				department.code().value(), user, users.find(user).map(u -> u.displayName()).orElse(null), role));
	}

	private List<GroupView.Member> members(Department department, GroupKind kind) {
		return groups.find(sourceGroup(department, kind))
			.map(GroupView::members)
			.orElse(List.of())
			.stream()
			.sorted(Comparator.comparing(GroupView.Member::displayName))
			.toList();
	}

	private GroupId sourceGroup(Department department, GroupKind kind) {
		return groups.sourceGroup(department.id().value(), kind)
			.orElseThrow(() -> new IllegalStateException("department " + department.code() + " has no " + kind));
	}

}
