package org.studygate.access;

import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

/**
 * An exclusion store without a database, for unit tests of the paths: nobody excluded.
 */
final class ExclusionStoreStub extends ExclusionStore {

	static final ExclusionStore NONE = new ExclusionStoreStub();

	private ExclusionStoreStub() {
		super(null);
	}

	@Override
	Excluded of(StudyId study, Actor actor) {
		return Excluded.NONE;
	}

}
