package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Directory;
import org.studygate.directory.Groups;
import org.studygate.directory.PracticeSharing;
import org.studygate.directory.Users;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.GroupView;
import org.studygate.directory.UserId;
import org.studygate.directory.UserView;
import org.studygate.study.Study;

import org.springframework.stereotype.Component;

/**
 * The lines of the Users section of the Access tab: a study's explicit grants, then its
 * implicit ways in (source groups, the requester and copied physicians, the requester's
 * practices), with the names of their subjects. Reads only; whoever calls has decided
 * MANAGE_ACCESS.
 */
@Component
class AccessEntries {

	private final GrantStore store;

	private final Directory directory;

	private final Users users;

	private final Groups groups;

	private final Departments departments;

	private final Clock clock;

	private final ExclusionStore exclusions;

	private final PracticeSharing practiceSharing;

	AccessEntries(GrantStore store, Directory directory, Users users, Groups groups, Departments departments,
			Clock clock, ExclusionStore exclusions, PracticeSharing practiceSharing) {
		this.exclusions = exclusions;
		this.practiceSharing = practiceSharing;
		this.store = store;
		this.directory = directory;
		this.users = users;
		this.groups = groups;
		this.departments = departments;
		this.clock = clock;
	}

	/** The sending department's time zone, in which the tab shows times. */
	ZoneId zone(Study study) {
		return departments.find(study.departmentId()).map(Department::timeZone).orElse(ZoneOffset.UTC);
	}

	/**
	 * Every line: live grants (those in force first, newest first), then the implicit
	 * ways in.
	 */
	List<AccessEntry> of(Study study) {
		Instant now = clock.instant();
		List<AccessEntry> entries = new ArrayList<>();
		store.ofStudy(study.id())
			.stream()
			.filter(g -> g.withdrawnAt() == null)
			.sorted(Comparator.comparing((Grant g) -> !g.inForceAt(now))
				.thenComparing(Grant::grantedAt, Comparator.reverseOrder()))
			.forEach(g -> entries.add(of(g, now)));
		for (GroupKind kind : List.of(GroupKind.SOURCE_ADMINS, GroupKind.SOURCE_USERS)) {
			groups.sourceGroup(study.departmentId(), kind)
				.flatMap(groups::find)
				.ifPresent(group -> entries
					.add(implicit(SubjectType.GROUP, group.id().value(), group.name(), true, kind.name(), study)));
		}
		physicians(study, entries);
		return excluded(study, entries);
	}

	/**
	 * The implicit lines that an exclusion in force withdraws, greyed; an exclusion
	 * without such a line (a subject reached otherwise) gets a line of its own.
	 */
	private List<AccessEntry> excluded(Study study, List<AccessEntry> entries) {
		for (Exclusion e : exclusions.inForce(study.id())) {
			boolean shown = false;
			for (int i = 0; i < entries.size(); i++) {
				AccessEntry line = entries.get(i);
				if (line.grantId() == null && line.subjectType() == e.subjectType()
						&& e.subjectId().equals(line.subjectId())) {
					entries.set(i, line.excludedBy(e));
					shown = true;
				}
			}
			if (!shown) {
				String origin = e.path() == null ? GrantOrigin.RULE.name() : e.path();
				entries.add(implicit(e.subjectType(), e.subjectId(), subjectName(e.subjectType(), e.subjectId()), false,
						origin, study)
					.excludedBy(e));
			}
		}
		return entries;
	}

	/**
	 * The requester and copied physicians, then the practices of theirs whose members
	 * share studies, when the physician shares his studies with them (decision 061).
	 */
	private void physicians(Study study, List<AccessEntry> entries) {
		Map<String, String> physicians = new LinkedHashMap<>();
		if (study.requesterNumber() != null) {
			physicians.put(study.requesterNumber(), GrantOrigin.REQUESTER.name());
		}
		study.ccNumbers().stream().sorted().forEach(n -> physicians.putIfAbsent(n, GrantOrigin.CC.name()));
		Map<UUID, GroupView> practices = new LinkedHashMap<>();
		physicians.forEach((number, origin) -> {
			Optional<UserView> user = users.findByPhysicianNumber(number).flatMap(users::find);
			entries.add(implicit(SubjectType.USER, user.map(u -> u.id().value()).orElse(null),
					user.map(UserView::displayName).orElse(number), true, origin, study));
			user.filter(u -> practiceSharing.sharesWithPractice(u.id()))
				.flatMap(u -> directory.actorOf(u.id()))
				.ifPresent(physician -> physician.memberships()
					.stream()
					.filter(m -> m.kind() == GroupKind.PRACTICE)
					.forEach(m -> groups.find(m.groupId())
						.filter(GroupView::membersShareStudies)
						.ifPresent(g -> practices.putIfAbsent(g.id().value(), g))));
		});
		practices.values()
			.forEach(group -> entries.add(implicit(SubjectType.GROUP, group.id().value(), group.name(), false,
					GrantOrigin.GROUP_PRACTICE.name(), study)));
	}

	/**
	 * An implicit line; it has a cross (an exclusion) when it names a user or group that
	 * is not one of the department's source groups.
	 */
	private static AccessEntry implicit(SubjectType type, UUID id, String name, boolean mayShare, String origin,
			Study study) {
		boolean withdrawable = id != null && !origin.startsWith("SOURCE_");
		return new AccessEntry(null, type, id, name, GrantScope.IMAGES_REPORT_READ, mayShare, false, null, null,
				study.registeredAt(), null, origin, withdrawable, Grant.State.ACTIVE, null);
	}

	/** The line of an explicit grant as it stands at {@code now}. */
	AccessEntry of(Grant g, Instant now) {
		return new AccessEntry(g.id(), g.subjectType(), g.subjectId(), subjectName(g.subjectType(), g.subjectId()),
				g.scope(), g.mayShare(), g.mayTransfer(), g.validFrom(), g.validUntil(), g.grantedAt(),
				g.grantedByName(), g.origin().name(), g.withdrawnAt() == null, g.stateAt(now), null);
	}

	/** A user's display name or a group's name; "?" when it no longer exists. */
	String subjectName(SubjectType type, UUID id) {
		return switch (type) {
			case USER -> users.find(new UserId(id)).map(UserView::displayName).orElse("?");
			case GROUP -> groups.find(new GroupId(id)).map(GroupView::name).orElse("?");
		};
	}

}
