package org.studygate.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the Users section of a study's Access tab names, read in one query
 * (docs/decisions/079-access-tab-reads-once.md).
 *
 * @param sourceGroups the department's source groups, by kind
 * @param accounts the user of each physician number that has one
 * @param practices where each account's studies are open to practice colleagues (decision
 * 061), by name
 * @param userNames the display names of the users asked for and of the accounts, of those
 * who exist
 * @param groupNames the names of the groups asked for, of the source groups and of the
 * practices, of those that exist
 */
public record StudySubjects(Map<GroupKind, GroupId> sourceGroups, Map<String, UserId> accounts,
		Map<UserId, List<GroupId>> practices, Map<UserId, String> userNames, Map<GroupId, String> groupNames) {

	/** Collects the rows of the query, each its kind, a key, an id and a name. */
	static final class Builder {

		private final Map<GroupKind, GroupId> sourceGroups = new EnumMap<>(GroupKind.class);

		private final Map<String, UserId> accounts = new HashMap<>();

		private final Map<UserId, List<GroupId>> practices = new LinkedHashMap<>();

		private final Map<UserId, String> userNames = new HashMap<>();

		private final Map<GroupId, String> groupNames = new HashMap<>();

		String add(String what, String key, UUID id, String name) {
			switch (what) {
				case "SOURCE" -> sourceGroups.put(GroupKind.valueOf(key), new GroupId(id));
				case "ACCOUNT" -> accounts.put(key, new UserId(id));
				case "PRACTICE" -> practices.computeIfAbsent(new UserId(UUID.fromString(key)), k -> new ArrayList<>())
					.add(new GroupId(id));
				case "USER" -> userNames.put(new UserId(id), name);
				case "GROUP" -> groupNames.put(new GroupId(id), name);
				default -> throw new IllegalStateException("unknown row " + what);
			}
			return what;
		}

		StudySubjects build() {
			return new StudySubjects(Collections.unmodifiableMap(sourceGroups), Collections.unmodifiableMap(accounts),
					Collections.unmodifiableMap(practices), Collections.unmodifiableMap(userNames),
					Collections.unmodifiableMap(groupNames));
		}

	}

}
