package org.studygate.access;

import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

/**
 * An exclusion store without a database, for unit tests of the paths: nobody excluded.
 */
final class ExclusionStoreStub extends ExclusionStore {

	static final ExclusionStore NONE = new ExclusionStoreStub();

	/** A restriction store without a database: no study restricted. */
	static final RestrictionStore UNRESTRICTED = new RestrictionStore(null) {

		@Override
		boolean isRestricted(org.studygate.study.StudyId study) {
			return false;
		}

	};

	private ExclusionStoreStub() {
		super(null);
	}

	@Override
	Excluded of(StudyId study, Actor actor) {
		return Excluded.NONE;
	}

}
