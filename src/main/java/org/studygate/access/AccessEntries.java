package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Groups;
import org.studygate.directory.Users;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.StudySubjects;
import org.studygate.directory.UserId;
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

	private final Users users;

	private final Groups groups;

	private final Departments departments;

	private final Clock clock;

	AccessEntries(GrantStore store, Users users, Groups groups, Departments departments, Clock clock) {
		this.store = store;
		this.users = users;
		this.groups = groups;
		this.departments = departments;
		this.clock = clock;
	}

	/**
	 * The study's sending department; there always is one (departments are never
	 * removed).
	 */
	Department department(Study study) {
		return departments.find(study.departmentId())
			.orElseThrow(() -> new IllegalStateException("no department " + study.departmentId()));
	}

	/** The sending department's time zone, in which the tab shows times. */
	ZoneId zone(Study study) {
		return departments.find(study.departmentId()).map(Department::timeZone).orElse(ZoneOffset.UTC);
	}

	/**
	 * Every line: live grants (those in force first, newest first), then the implicit
	 * ways in. The lines are read in a fixed number of queries however many there are
	 * (docs/decisions/069-access-tab-in-a-fixed-number-of-queries.md), two since decision
	 * 079: the grants with the exclusions in force, then the source groups, the
	 * physicians' accounts and practices and the names of every user and every group
	 * named.
	 */
	List<AccessEntry> of(Study study) {
		Instant now = clock.instant();
		GrantStore.Lines lines = store.linesOf(study.id());
		List<Grant> grants = lines.grants()
			.stream()
			.sorted(Comparator.comparing((Grant g) -> !g.inForceAt(now))
				.thenComparing(Grant::grantedAt, Comparator.reverseOrder()))
			.toList();
		List<Exclusion> excluded = lines.exclusions();
		Map<String, String> physicians = physicians(study);
		StudySubjects subjects = subjects(study, grants, physicians.keySet(), excluded);
		Map<GroupKind, GroupId> sourceGroups = subjects.sourceGroups();
		Map<String, UserId> accounts = subjects.accounts();
		Map<UserId, List<GroupId>> practices = subjects.practices();
		Names names = new Names(subjects.userNames(), subjects.groupNames());
		List<AccessEntry> entries = new ArrayList<>();
		grants.forEach(g -> entries.add(of(g, now, names.of(g.subjectType(), g.subjectId()))));
		for (GroupKind kind : List.of(GroupKind.SOURCE_ADMINS, GroupKind.SOURCE_USERS)) {
			GroupId group = sourceGroups.get(kind);
			if (group != null && names.groups().containsKey(group)) {
				entries.add(implicit(SubjectType.GROUP, group.value(), names.groups().get(group), true, kind.name(),
						study));
			}
		}
		Map<GroupId, Boolean> practiceLines = new LinkedHashMap<>();
		physicians.forEach((number, origin) -> {
			UserId user = accounts.get(number);
			String name = user == null ? number : names.users().getOrDefault(user, number);
			entries.add(implicit(SubjectType.USER, user == null ? null : user.value(), name, true, origin, study));
			if (user != null) {
				practices.getOrDefault(user, List.of()).forEach(g -> practiceLines.putIfAbsent(g, true));
			}
		});
		practiceLines.keySet()
			.forEach(group -> entries.add(implicit(SubjectType.GROUP, group.value(),
					names.of(SubjectType.GROUP, group.value()), false, GrantOrigin.GROUP_PRACTICE.name(), study)));
		return excluded(study, entries, excluded, names);
	}

	/**
	 * The implicit lines that an exclusion in force withdraws, greyed; an exclusion
	 * without such a line (a subject reached otherwise) gets a line of its own.
	 */
	private List<AccessEntry> excluded(Study study, List<AccessEntry> entries, List<Exclusion> excluded, Names names) {
		for (Exclusion e : excluded) {
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
				entries.add(implicit(e.subjectType(), e.subjectId(), names.of(e.subjectType(), e.subjectId()), false,
						origin, study)
					.excludedBy(e));
			}
		}
		return entries;
	}

	/**
	 * The requester and the copied physicians, by number, with the origin of their lines;
	 * their practices whose members share studies follow them, when the physician shares
	 * his studies with them (decision 061).
	 */
	private static Map<String, String> physicians(Study study) {
		Map<String, String> physicians = new LinkedHashMap<>();
		if (study.requesterNumber() != null) {
			physicians.put(study.requesterNumber(), GrantOrigin.REQUESTER.name());
		}
		study.ccNumbers().stream().sorted().forEach(n -> physicians.putIfAbsent(n, GrantOrigin.CC.name()));
		return physicians;
	}

	/**
	 * The source groups, the physicians' accounts and practices, and the names of every
	 * user and group the lines name, in one query (decision 079).
	 */
	private StudySubjects subjects(Study study, List<Grant> grants, Collection<String> numbers,
			List<Exclusion> excluded) {
		Set<UserId> userIds = new HashSet<>();
		Set<GroupId> groupIds = new HashSet<>();
		grants.forEach(g -> add(g.subjectType(), g.subjectId(), userIds, groupIds));
		excluded.forEach(e -> add(e.subjectType(), e.subjectId(), userIds, groupIds));
		return groups.studySubjects(study.departmentId(), numbers, userIds, groupIds);
	}

	private static void add(SubjectType type, UUID id, Set<UserId> userIds, Set<GroupId> groupIds) {
		switch (type) {
			case USER -> userIds.add(new UserId(id));
			case GROUP -> groupIds.add(new GroupId(id));
		}
	}

	/** The names read for one Access tab; "?" for a subject that no longer exists. */
	private record Names(Map<UserId, String> users, Map<GroupId, String> groups) {

		String of(SubjectType type, UUID id) {
			return switch (type) {
				case USER -> users.getOrDefault(new UserId(id), "?");
				case GROUP -> groups.getOrDefault(new GroupId(id), "?");
			};
		}

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
		return of(g, now, subjectName(g.subjectType(), g.subjectId()));
	}

	private static AccessEntry of(Grant g, Instant now, String subjectName) {
		return new AccessEntry(g.id(), g.subjectType(), g.subjectId(), subjectName, g.scope(), g.mayShare(),
				g.mayTransfer(), g.validFrom(), g.validUntil(), g.grantedAt(), g.grantedByName(), g.origin().name(),
				g.withdrawnAt() == null, g.stateAt(now), null);
	}

	/** A user's display name or a group's name; "?" when it no longer exists. */
	String subjectName(SubjectType type, UUID id) {
		return switch (type) {
			case USER -> users.displayNames(Set.of(new UserId(id))).getOrDefault(new UserId(id), "?");
			case GROUP -> groups.names(Set.of(new GroupId(id))).getOrDefault(new GroupId(id), "?");
		};
	}

}
