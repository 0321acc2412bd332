package org.studygate.access;

import java.util.List;
import java.util.UUID;

import org.studygate.directory.Actor;
import org.studygate.study.StudyColumns;

/**
 * What a decision on one study reads besides the study: the exclusions in force that name
 * the actor or his groups, and whether the study is restricted (decision 060). Read in
 * the query that loads the study by its UID, so that the gateway decides after one query
 * (docs/decisions/076-gateway-in-two-queries.md); the same conditions as
 * {@link ExclusionStore#of} and {@link RestrictionStore#isRestricted}.
 */
record StudyReads(ExclusionStore.Excluded excluded, boolean restricted) {

	private static final String RESTRICTED = """
			exists (select 1 from access.study_restriction r where r.study_id = s.id) as x_restricted""";

	private static final String EXCLUDED = """
			exists (select 1 from access.study_exclusion x where x.study_id = s.id and x.restored_at is null
			        and x.subject_type = 'USER' and x.subject_id = ?) as x_user_excluded,
			exists (select 1 from access.study_exclusion x where x.study_id = s.id and x.restored_at is null
			        and x.subject_type = 'GROUP' and x.subject_id = any(?)) as x_group_excluded,
			""";

	/** The columns that read this for the actor. */
	static StudyColumns<StudyReads> columns(Actor actor) {
		if (!actor.isUser()) {
			return new StudyColumns<>("false as x_user_excluded, false as x_group_excluded, " + RESTRICTED, List.of(),
					StudyReads::read);
		}
		UUID[] groups = actor.groupIds().stream().map(g -> g.value()).toArray(UUID[]::new);
		return new StudyColumns<>(EXCLUDED + RESTRICTED, List.of(actor.userId().value(), groups), StudyReads::read);
	}

	private static StudyReads read(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new StudyReads(
				new ExclusionStore.Excluded(rs.getBoolean("x_user_excluded"), rs.getBoolean("x_group_excluded")),
				rs.getBoolean("x_restricted"));
	}

}
