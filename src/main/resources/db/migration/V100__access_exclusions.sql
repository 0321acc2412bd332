-- Access: exclusions (docs/product/04-access-tab.md "Users"; docs/decisions/060-exclusions-and-restricted-studies.md).
-- Withdrawing an implicit way in (the requester, a copied physician, a practice) records an exclusion
-- that the decision point honours before the implicit paths and before the subject's explicit grants.
-- A restored exclusion stays for the record; a later withdrawal starts a new row.
create table access.study_exclusion (
    id                uuid primary key,
    study_id          uuid        not null references study.study (id) on delete cascade,
    subject_type      text        not null check (subject_type in ('USER', 'GROUP')),
    subject_id        uuid        not null,
    path              text,
    excluded_at       timestamptz not null,
    excluded_by       uuid,
    excluded_by_name  text        not null,
    reason            text        not null,
    restored_at       timestamptz,
    restored_by       uuid,
    restored_by_name  text,
    constraint restore_complete check ((restored_at is null) = (restored_by_name is null))
);
-- decide, lists and the Access tab: the exclusions in force of one study and subject
create unique index study_exclusion_live on access.study_exclusion (study_id, subject_type, subject_id)
    where restored_at is null;
