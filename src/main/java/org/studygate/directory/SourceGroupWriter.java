package org.studygate.directory;

import java.time.Clock;
import java.util.UUID;

import org.studygate.directory.sourcegroups.SourceGroups;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place source groups are made and renamed; the department module reaches it as
 * {@link SourceGroups}. The two groups of a department are told apart by their names,
 * "Radiology North — administrators" and "Radiology North — users" (decision 063).
 */
@Component
class SourceGroupWriter implements SourceGroups {

	private final GroupStore store;

	private final Clock clock;

	SourceGroupWriter(GroupStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	@Transactional
	public GroupId create(UUID departmentId, GroupKind kind, String name) {
		if (!kind.isSourceGroup()) {
			throw new IllegalArgumentException("not a source group kind: " + kind);
		}
		return store.insert(kind, nameOf(name, kind), new GroupDetails(null, null, null, false), departmentId,
				clock.instant());
	}

	@Override
	@Transactional
	public void rename(UUID departmentId, String departmentName) {
		store.renameSourceGroups(departmentId, departmentName);
	}

	/** The name of a department's source group of this kind. */
	static String nameOf(String departmentName, GroupKind kind) {
		return departmentName + (kind == GroupKind.SOURCE_ADMINS ? GroupStore.ADMINS_SUFFIX : GroupStore.USERS_SUFFIX);
	}

}
