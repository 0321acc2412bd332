package org.studygate.access;

import java.util.List;
import java.util.UUID;

import org.studygate.directory.Actor;
import org.studygate.study.StudyColumns;

/**
 * What a decision on one study reads besides the study: the exclusions in force that name
 * the actor or his groups, and whether the study is restricted (decision 060). Read in
 * the query that loads the study by its UID, so that the gateway decides after one query
 * (docs/decisions/076-gateway-in-two-queries.md), or by its id for every other
 * {@code require} (docs/decisions/079-access-tab-reads-once.md), with the columns
 * {@link ExclusionStore#of} and {@link RestrictionStore#isRestricted} read.
 */
record StudyReads(ExclusionStore.Excluded excluded, boolean restricted) {

	/** The columns that read this for the actor. */
	static StudyColumns<StudyReads> columns(Actor actor) {
		if (!actor.isUser()) {
			return new StudyColumns<>(
					"false as x_user_excluded, false as x_group_excluded, " + RestrictionStore.RESTRICTED_COLUMN,
					List.of(), StudyReads::read);
		}
		UUID[] groups = actor.groupIds().stream().map(g -> g.value()).toArray(UUID[]::new);
		return new StudyColumns<>(ExclusionStore.EXCLUDED_COLUMNS + ", " + RestrictionStore.RESTRICTED_COLUMN,
				List.of(actor.userId().value(), groups), StudyReads::read);
	}

	private static StudyReads read(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new StudyReads(ExclusionStore.read(rs), rs.getBoolean("x_restricted"));
	}

}
