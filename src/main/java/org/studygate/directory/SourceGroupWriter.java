package org.studygate.directory;

import java.time.Clock;
import java.util.UUID;

import org.studygate.directory.sourcegroups.SourceGroups;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place source groups are made and renamed; the department module reaches it as
 * {@link SourceGroups}.
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
		return store.insert(kind, name, new GroupDetails(null, null, null, false), departmentId, clock.instant());
	}

	@Override
	@Transactional
	public void rename(UUID departmentId, String departmentName) {
		store.renameSourceGroups(departmentId, departmentName);
	}

}
