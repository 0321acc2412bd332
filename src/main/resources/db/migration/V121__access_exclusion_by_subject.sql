-- The list condition leaves out the studies a user (or his groups) is excluded from as one array
-- read once per query (docs/decisions/070-explore-list-as-a-merge-of-ordered-paths.md).
create index study_exclusion_subject on access.study_exclusion (subject_id) include (study_id) where restored_at is null;
